/**
 * The monthly report written out: an `.xlsx` workbook (three sheets) and a printable A4 HTML page
 * with Chinese fonts. Both from the same view; money from integer fen, formatted without floats.
 */
import * as ExcelJS from 'exceljs';
import type { MonthlyReportView, ReportMeasureView } from './targets.dto';

/** 123456 fen → "1,234.56" (integer arithmetic; negative adjustments keep their sign). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const percent = (share: number | null): string =>
  share === null ? '—' : `${Math.round(share * 1000) / 10}%`;
const num = (n: number | null): string => (n === null ? '—' : String(n));

/** An ISO instant as Beijing wall time, `YYYY-MM-DD HH:mm`. */
const chinaTime = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function reportWorkbook(r: MonthlyReportView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '稷山就业';
  wb.created = new Date(r.generatedAt);

  const t = wb.addWorksheet('目标进度');
  t.addRow([r.title]).font = { bold: true, size: 14 };
  t.addRow([
    `依据：${r.policy.document}  截至：${r.asOf}${r.carriedFrom ? `  （沿用${r.carriedFrom}年度目标）` : ''}`,
  ]);
  t.addRow([]);
  t.addRow(['条款', '目标', '单位', '目标数', '本月', '本年累计', '完成率', '状态', '说明']).font = {
    bold: true,
  };
  for (const x of r.targets) {
    t.addRow([
      x.clause,
      x.name,
      x.unit,
      x.target,
      x.month,
      x.year,
      percent(x.share),
      x.statusName,
      x.note ?? '',
    ]);
  }
  t.columns.forEach((c, i) => (c.width = [10, 24, 6, 8, 8, 10, 9, 10, 60][i]));

  const claimSheet = (name: string, rows: ReportMeasureView[], sum: ReportMeasureView): void => {
    const s = wb.addWorksheet(name);
    s.addRow([
      '条款',
      '补贴项目',
      '申报笔数',
      '申报金额（元）',
      '审核通过笔数',
      '核定金额（元）',
      '发放笔数',
      '发放金额（元）',
    ]).font = { bold: true };
    for (const m of [...rows, sum]) {
      const row = s.addRow([
        m.clause,
        m.name,
        m.filed,
        m.filedFen / 100,
        m.approved,
        m.approvedFen / 100,
        m.paid,
        m.paidFen / 100,
      ]);
      for (const c of [4, 6, 8]) row.getCell(c).numFmt = '#,##0.00';
      if (m === sum) row.font = { bold: true };
    }
    s.columns.forEach((c, i) => (c.width = [10, 32, 10, 16, 12, 16, 10, 16][i]));
  };
  claimSheet('本月补贴', r.claims.month, r.claims.monthTotal);
  claimSheet('本年补贴', r.claims.year, r.claims.yearTotal);

  const f = wb.addWorksheet('本月招聘会');
  f.addRow(['日期', '招聘会', '乡镇', '招聘人数']).font = { bold: true };
  for (const x of r.fairs) f.addRow([x.on, x.title, x.township ?? '', x.hires]);
  if (r.fairs.length === 0) f.addRow(['本月未举办专场招聘会']);
  f.columns.forEach((c, i) => (c.width = [12, 40, 12, 10][i]));

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function claimTable(caption: string, rows: ReportMeasureView[], sum: ReportMeasureView): string {
  const line = (m: ReportMeasureView, bold = false): string =>
    `<tr${bold ? ' class="sum"' : ''}><td>${esc(m.clause)}</td><td>${esc(m.name)}</td><td class="n">${m.filed}</td>` +
    `<td class="n">${yuanText(m.filedFen)}</td><td class="n">${m.approved}</td><td class="n">${yuanText(m.approvedFen)}</td>` +
    `<td class="n">${m.paid}</td><td class="n">${yuanText(m.paidFen)}</td></tr>`;
  return `<table><caption>${esc(caption)}</caption>
<thead><tr><th>条款</th><th>补贴项目</th><th>申报笔数</th><th>申报金额（元）</th><th>审核通过</th><th>核定金额（元）</th><th>发放笔数</th><th>发放金额（元）</th></tr></thead>
<tbody>${rows.map((m) => line(m)).join('')}${line(sum, true)}</tbody></table>`;
}

/** A self-contained printable page (A4, Noto CJK or the system's Chinese fonts), no script. */
export function reportHtml(r: MonthlyReportView): string {
  const targets = r.targets
    .map(
      (x) =>
        `<tr class="${x.status}"><td>${esc(x.clause)}</td><td>${esc(x.name)}</td><td class="n">${x.target}${esc(x.unit)}</td>` +
        `<td class="n">${num(x.month)}</td><td class="n">${num(x.year)}</td><td class="n">${percent(x.share)}</td>` +
        `<td>${esc(x.statusName)}</td></tr>`,
    )
    .join('');
  const fairs =
    r.fairs.length === 0
      ? '<p>本月未举办专场招聘会。</p>'
      : `<table><thead><tr><th>日期</th><th>招聘会</th><th>乡镇</th><th>招聘人数</th></tr></thead><tbody>${r.fairs
          .map(
            (f) =>
              `<tr><td>${f.on}</td><td>${esc(f.title)}</td><td>${esc(f.township ?? '')}</td><td class="n">${f.hires}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 190mm; line-height: 1.5; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
.meta { text-align: center; margin: 0 0 12pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; }
table { width: 100%; border-collapse: collapse; margin: 0 0 8pt; page-break-inside: auto; }
tr { page-break-inside: avoid; }
caption { text-align: left; font-weight: bold; margin: 4pt 0; }
th, td { border: 0.5pt solid #333; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; font-weight: bold; }
td:first-child { white-space: nowrap; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.sum td { font-weight: bold; }
tr.behind td:last-child, tr.missed td:last-child { font-weight: bold; }
.foot { margin-top: 12pt; font-size: 9pt; }
</style></head>
<body>
<h1>${esc(r.title)}</h1>
<p class="meta">依据${esc(r.policy.document)}  统计截至${r.asOf}${r.carriedFrom ? `  （本年度目标尚未发布，沿用${r.carriedFrom}年度目标）` : ''}</p>
<h2>一、目标任务完成情况</h2>
<table><thead><tr><th>条款</th><th>目标任务</th><th>目标</th><th>本月</th><th>本年累计</th><th>完成率</th><th>状态</th></tr></thead>
<tbody>${targets}</tbody></table>
<h2>二、就业补贴申报、审核和发放情况</h2>
${claimTable('（一）本月', r.claims.month, r.claims.monthTotal)}
${claimTable('（二）本年累计', r.claims.year, r.claims.yearTotal)}
<h2>三、本月专场招聘会</h2>
${fairs}
<p class="foot">数据来源：稷山就业平台（生成于北京时间 ${esc(chinaTime(r.generatedAt))}）。金额单位：元。</p>
</body></html>
`;
}

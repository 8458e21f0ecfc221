/**
 * The blank 岗位信息采集表 that staff hand out to enterprises: header row with required columns
 * marked, dropdowns for the closed lists, text-formatted code/phone columns (so Excel does not turn
 * an 18-digit credit code into 9.1E+17), and a 填写说明 sheet explaining every column.
 */
import type { Writable } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { JOB_POST_HEADERS, type SheetHeaderSpec } from './headers';

/** The template's columns, in order, with required flags, descriptions and allowed values. */
export const TEMPLATE_HEADERS: readonly SheetHeaderSpec[] = JOB_POST_HEADERS;

/** Rows prepared with dropdowns and text formats; a sheet may go beyond, only without the help. */
const PREPARED_ROWS = 2000;
const REQUIRED_FILL = 'FFFDE9D9';
const OPTIONAL_FILL = 'FFDDEBF7';
const TEXT_COLUMNS = new Set(['统一社会信用代码', '联系电话', '截止日期', '年龄要求']);

interface DataValidationsApi {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/** Writes the template as `.xlsx` to `stream` (not ended: the caller owns it, e.g. an HTTP reply). */
export async function writeBlankTemplate(stream: Writable): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '稷山就业';
  wb.created = new Date(0);

  const ws = wb.addWorksheet('岗位信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = TEMPLATE_HEADERS.map((h) => ({
    header: h.name,
    key: h.name,
    width: h.name === '岗位描述' ? 40 : Math.max(12, h.name.length * 2 + 4),
    ...(TEXT_COLUMNS.has(h.name) && { style: { numFmt: '@' } }),
  }));
  const headerRow = ws.getRow(1);
  TEMPLATE_HEADERS.forEach((h, i) => {
    const cell = headerRow.getCell(i + 1);
    // Required columns: bold red on a light red fill; the header text itself stays exactly the
    // contract's name so a filled template imports without edits.
    cell.font = { bold: h.required, color: { argb: h.required ? 'FFC00000' : 'FF1F3864' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: h.required ? REQUIRED_FILL : OPTIONAL_FILL },
    };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.numFmt = 'General';
    cell.note = `${h.required ? '【必填】' : '【选填】'}${h.description}`;
  });

  const validations = (ws as unknown as { dataValidations: DataValidationsApi }).dataValidations;
  TEMPLATE_HEADERS.forEach((h, i) => {
    if (!h.allowed) return;
    const col = ws.getColumn(i + 1).letter;
    const isPlace = h.name === '工作地点';
    validations.add(`${col}2:${col}${PREPARED_ROWS + 1}`, {
      type: 'list',
      allowBlank: !h.required,
      formulae: [`"${h.allowed.join(',')}"`],
      showInputMessage: true,
      promptTitle: h.name,
      prompt: h.description.slice(0, 250),
      // 工作地点 also takes places outside the county, so the list only suggests: no hard stop.
      showErrorMessage: !isPlace,
      errorStyle: 'stop',
      errorTitle: h.name,
      error: `请从下拉列表中选择：${h.allowed.join(' / ')}`,
    });
  });

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'name', width: 18 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'description', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const h of TEMPLATE_HEADERS) {
    help.addRow({ name: h.name, required: h.required ? '必填' : '选填', description: h.description });
  }
  help.addRow({});
  for (const line of [
    '1. 第一行为表头，请勿修改列名；列的顺序可以调整，多余的列会被忽略。',
    '2. 从第二行起每行填写一个岗位；有错误的行不会导入，其余行照常导入，错误会逐行逐列列出。',
    '3. 同一单位、同一岗位名称、同一工作地点、同一招聘人数且仍在招聘中的岗位视为重复，不会重复导入。',
    '4. 也可另存为 CSV（UTF-8 或 GBK 编码均可）后导入。',
  ]) {
    help.addRow({ name: '', required: '', description: line });
  }
  help.getColumn('description').alignment = { wrapText: true, vertical: 'top' };

  await wb.xlsx.write(stream);
}

/** The same header row as CSV (UTF-8 with BOM, so Excel on Windows opens it with the right encoding). */
export function blankCsvTemplate(): string {
  return `\uFEFF${TEMPLATE_HEADERS.map((h) => h.name).join(',')}\r\n`;
}

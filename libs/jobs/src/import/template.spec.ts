import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import * as ExcelJS from 'exceljs';
import { JOB_POST_HEADER_NAMES, REQUIRED_JOB_POST_HEADERS } from './headers';
import { readSheetRows } from './sheet-reader';
import type { SheetHeader } from './sheet-reader';
import { TEMPLATE_HEADERS, blankCsvTemplate, writeBlankTemplate } from './template';

async function templateBuffer(): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeBlankTemplate(out);
  out.end();
  return Buffer.concat(chunks);
}

describe('TEMPLATE_HEADERS', () => {
  it('lists every contract header once, in order, with the five required ones', () => {
    expect(TEMPLATE_HEADERS.map((h) => h.name)).toEqual([
      '单位名称',
      '统一社会信用代码',
      '单位规模',
      '所属行业',
      '岗位名称',
      '工种',
      '招聘人数',
      '工作地点',
      '用工形式',
      '薪资下限',
      '薪资上限',
      '学历要求',
      '年龄要求',
      '技能要求',
      '岗位描述',
      '联系人',
      '联系电话',
      '截止日期',
    ]);
    expect(TEMPLATE_HEADERS.filter((h) => h.required).map((h) => h.name)).toEqual([
      ...REQUIRED_JOB_POST_HEADERS,
    ]);
    expect(TEMPLATE_HEADERS.every((h) => h.description.length > 0)).toBe(true);
  });
});

describe('writeBlankTemplate', () => {
  it('round-trips: read back, the headers are recognised and there are no rows', async () => {
    const buf = await templateBuffer();
    const p = path.join(await fsp.mkdtemp(path.join(os.tmpdir(), 'jobs-tpl-')), '岗位信息采集表.xlsx');
    await fsp.writeFile(p, buf);
    let header: SheetHeader | undefined;
    const rows = [];
    for await (const r of readSheetRows(p, { onHeader: (h) => (header = h) })) rows.push(r);
    expect(rows).toEqual([]);
    expect(header?.headers).toEqual([...JOB_POST_HEADER_NAMES]);
    expect(header?.unknownColumns).toEqual([]);
    await fsp.rm(path.dirname(p), { recursive: true, force: true });
  });

  it('marks required headers, has dropdowns, text columns and a 填写说明 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const buf = await templateBuffer();
    // exceljs declares its own `Buffer extends ArrayBuffer`; a Node Buffer is what it reads at runtime.
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const [main, help] = wb.worksheets;
    expect(help.name).toBe('填写说明');
    expect(help.getCell('A2').value).toBe('单位名称');
    expect(help.getCell('B2').value).toBe('必填');
    expect(main.getCell('A1').font?.bold).toBe(true);
    expect(main.getCell('C1').font?.bold).toBeFalsy();
    expect(main.getCell('B2').numFmt).toBe('@');
    // 单位规模 is column C.
    expect(main.getCell('C2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"大型,中型,小型,微型"'],
    });
    expect(main.getCell('C2').dataValidation?.showErrorMessage).toBe(true);
    // 工作地点 only suggests the townships: places outside the county must still be typed in.
    expect(main.getCell('H5').dataValidation).toMatchObject({ type: 'list' });
    expect(main.getCell('H5').dataValidation?.showErrorMessage).toBeFalsy();
    expect(main.getCell('I3').dataValidation?.formulae).toEqual(['"全职,兼职,临时,见习"']);
    expect(main.getCell('L3').dataValidation?.formulae?.[0]).toContain('硕士');
  });
});

describe('blankCsvTemplate', () => {
  it('is a BOM-prefixed header line that the reader accepts', async () => {
    const csv = blankCsvTemplate();
    expect(csv.startsWith('\uFEFF单位名称,统一社会信用代码,')).toBe(true);
    let header: SheetHeader | undefined;
    const rows = [];
    for await (const r of readSheetRows(PassThrough.from([Buffer.from(csv)]), {
      onHeader: (h) => (header = h),
    })) {
      rows.push(r);
    }
    expect(rows).toEqual([]);
    expect(header?.headers).toHaveLength(18);
  });
});

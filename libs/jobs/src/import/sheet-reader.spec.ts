import { createWriteStream, promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { creditCodeCheckChar } from '@app/platform/validation';
import { SheetUnreadableError, openSheet, readSheetRows } from './sheet-reader';
import type { SheetHeader, SheetRecord } from './sheet-reader';

const code17 = '91140824MA0K1234X';
const CODE = code17 + creditCodeCheckChar(code17);

let dir: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'jobs-import-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

async function writeFile(name: string, data: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await fsp.writeFile(p, data);
  return p;
}

async function collect(
  input: string | Readable,
  fileName?: string,
): Promise<{ header?: SheetHeader; rows: SheetRecord[] }> {
  let header: SheetHeader | undefined;
  const rows: SheetRecord[] = [];
  for await (const r of readSheetRows(input, { fileName, onHeader: (h) => (header = h) })) rows.push(r);
  return { header, rows };
}

const CSV_TEXT =
  '单位名称, 统一社会信用代码 ,岗位名称,招聘人数,工作地点,备注,技能要求\r\n' +
  `稷山县红枣食品有限公司,${CODE},包装工,5,稷峰镇,随便写,"打包、叉车"\r\n` +
  ',,,,,,\r\n' +
  '\r\n' +
  `"稷山县""新""机械厂",${CODE},"电焊工\n夜班",2,运城市新绛县,,电焊\r\n`;

const EXPECTED_ROWS: SheetRecord[] = [
  {
    rowNumber: 2,
    values: {
      单位名称: '稷山县红枣食品有限公司',
      统一社会信用代码: CODE,
      岗位名称: '包装工',
      招聘人数: '5',
      工作地点: '稷峰镇',
      技能要求: '打包、叉车',
    },
  },
  {
    rowNumber: 5,
    values: {
      单位名称: '稷山县"新"机械厂',
      统一社会信用代码: CODE,
      岗位名称: '电焊工\n夜班',
      招聘人数: '2',
      工作地点: '运城市新绛县',
      技能要求: '电焊',
    },
  },
];

describe('CSV', () => {
  it('reads UTF-8, skips empty rows, keeps spreadsheet row numbers, reports unknown columns once', async () => {
    const { header, rows } = await collect(await writeFile('utf8.csv', CSV_TEXT));
    expect(rows).toEqual(EXPECTED_ROWS);
    expect(header).toMatchObject({
      format: 'csv',
      encoding: 'utf-8',
      headerRowNumber: 1,
      unknownColumns: ['备注'],
      headers: ['单位名称', '统一社会信用代码', '岗位名称', '招聘人数', '工作地点', '技能要求'],
    });
  });

  it('UTF-8, UTF-8 with BOM and GBK give the same records', async () => {
    const plain = await collect(await writeFile('a.csv', CSV_TEXT));
    const bom = await collect(await writeFile('b.csv', '\uFEFF' + CSV_TEXT));
    const gbk = await collect(await writeFile('c.csv', iconv.encode(CSV_TEXT, 'gbk')));
    expect(bom.rows).toEqual(plain.rows);
    expect(gbk.rows).toEqual(plain.rows);
    expect(bom.header?.encoding).toBe('utf-8');
    expect(gbk.header?.encoding).toBe('gbk');
    expect(gbk.header?.unknownColumns).toEqual(['备注']);
  });

  it('reads GBK split across tiny chunks from a stream', async () => {
    const bytes = iconv.encode(CSV_TEXT, 'gbk');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 3) chunks.push(bytes.subarray(i, i + 3));
    const { rows } = await collect(Readable.from(chunks), 'upload.csv');
    expect(rows).toEqual(EXPECTED_ROWS);
  });

  it('accepts headers in any order, with required marks, and a title row above them', async () => {
    const csv =
      '稷山县岗位信息采集表,,,,\n' +
      '工作地点,招聘人数,岗位名称,统一社会信用代码*,单位名称（必填）\n' +
      `西社镇,3,收银员,${CODE},超市\n`;
    const { header, rows } = await collect(await writeFile('order.csv', csv));
    expect(header?.headerRowNumber).toBe(2);
    expect(rows).toEqual([
      {
        rowNumber: 3,
        values: {
          工作地点: '西社镇',
          招聘人数: '3',
          岗位名称: '收银员',
          统一社会信用代码: CODE,
          单位名称: '超市',
        },
      },
    ]);
  });

  it('reports each unknown column once even when repeated', async () => {
    const csv = `单位名称,统一社会信用代码,岗位名称,招聘人数,工作地点,备注,备注,序号\nA,${CODE},B,1,稷峰镇,x,y,1\n`;
    const { header } = await collect(await writeFile('unknown.csv', csv));
    expect(header?.unknownColumns).toEqual(['备注', '序号']);
  });

  it('gives blank for a short row', async () => {
    const csv = `单位名称,统一社会信用代码,岗位名称,招聘人数,工作地点,联系人\nA,${CODE},B,1\n`;
    const { rows } = await collect(await writeFile('short.csv', csv));
    expect(rows[0].values).toMatchObject({ 工作地点: '', 联系人: '' });
  });

  it('openSheet reads the header eagerly and counts bytes', async () => {
    const p = await writeFile('open.csv', CSV_TEXT);
    const sheet = await openSheet(p);
    expect(sheet.unknownColumns).toEqual(['备注']);
    expect(sheet.totalBytes).toBe(Buffer.byteLength(CSV_TEXT));
    const rows: SheetRecord[] = [];
    for await (const r of sheet.rows) rows.push(r);
    expect(rows).toEqual(EXPECTED_ROWS);
    expect(sheet.bytesRead).toBe(sheet.totalBytes);
  });

  it('stops cleanly when the caller breaks early', async () => {
    const p = await writeFile('early.csv', CSV_TEXT);
    for await (const r of readSheetRows(p)) {
      expect(r.rowNumber).toBe(2);
      break;
    }
  });
});

describe('unreadable files', () => {
  async function expectUnreadable(p: string | Readable, code: string, fileName?: string) {
    const err = await collect(p, fileName).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SheetUnreadableError);
    expect((err as SheetUnreadableError).code).toBe(code);
    expect((err as SheetUnreadableError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    return err as SheetUnreadableError;
  }

  it('missing required header', async () => {
    const p = await writeFile('missing.csv', `单位名称,岗位名称,招聘人数,工作地点\nA,B,1,稷峰镇\n`);
    const err = await expectUnreadable(p, 'missing-headers');
    expect(err.details.missingHeaders).toEqual(['统一社会信用代码']);
    expect(err.message).toContain('统一社会信用代码');
  });

  it('missing required header in xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['单位名称', '岗位名称']);
    const p = path.join(dir, 'missing.xlsx');
    await wb.xlsx.writeFile(p);
    await expectUnreadable(p, 'missing-headers');
  });

  it('a sheet with no header at all', async () => {
    await expectUnreadable(
      await writeFile('noheader.csv', 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n2,2,2\n3,3,3\n'),
      'missing-headers',
    );
    await expectUnreadable(await writeFile('empty.csv', ''), 'no-header');
  });

  it('duplicate known header', async () => {
    const p = await writeFile('dup.csv', `单位名称,统一社会信用代码,岗位名称,招聘人数,工作地点,岗位名称\n`);
    await expectUnreadable(p, 'duplicate-headers');
  });

  it('garbage bytes', async () => {
    const garbage = Buffer.alloc(200_000);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    await expectUnreadable(await writeFile('garbage.csv', garbage), 'unsupported-format');
    await expectUnreadable(await writeFile('garbage.bin', garbage), 'unsupported-format');
  });

  it('garbage text', async () => {
    const text = Buffer.from('%PDF-1.4 ' + 'lorem ipsum '.repeat(1000));
    await expectUnreadable(await writeFile('text.csv', text), 'missing-headers');
  });

  it('a corrupt zip', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['单位名称']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const bad = Buffer.concat([good.subarray(0, 30), Buffer.alloc(500, 0x41)]);
    await expectUnreadable(await writeFile('corrupt.xlsx', bad), 'corrupt');
  });

  it('a truncated xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['单位名称', '统一社会信用代码', '岗位名称', '招聘人数', '工作地点']);
    for (let i = 0; i < 2000; i++) ws.addRow([`公司${i}`, CODE, `岗位${i}`, 1, '稷峰镇']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const cut = good.subarray(0, Math.floor(good.length * 0.6));
    await expectUnreadable(await writeFile('truncated.xlsx', cut), 'corrupt');
  }, 20_000);

  it('a .xlsx that is not a zip, and a legacy .xls', async () => {
    await expectUnreadable(await writeFile('fake.xlsx', '单位名称\n'), 'corrupt');
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    await expectUnreadable(await writeFile('old.xls', ole), 'unsupported-format');
  });

  it('a file that does not exist', async () => {
    await expectUnreadable(path.join(dir, 'nope.csv'), 'not-found');
  });
});

describe('XLSX', () => {
  it('normalises numbers, dates, rich text, hyperlinks and formulas to strings', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('岗位信息');
    ws.addRow([
      '单位名称',
      '统一社会信用代码',
      '岗位名称',
      '招聘人数',
      '工作地点',
      '薪资下限',
      '截止日期',
      '联系电话',
      '备注',
    ]);
    ws.addRow([
      { richText: [{ text: '稷山县' }, { font: { bold: true }, text: '红枣公司' }] },
      CODE,
      { text: '包装工', hyperlink: 'https://example.com/job' },
      5,
      '稷峰镇',
      { formula: 'B1*0+3000', result: 3000 },
      new Date(Date.UTC(2025, 11, 31)),
      13912345678,
      null,
    ]);
    ws.addRow([]);
    ws.addRow(['', '', '', '', '']);
    ws.addRow([
      'B',
      CODE,
      '质检',
      1.5,
      '翟店镇',
      0.1 + 0.2,
      { formula: 'DATE(2026,1,2)', result: 46024 },
      '',
    ]);
    ws.getCell('G5').numFmt = 'yyyy-mm-dd';
    const p = path.join(dir, 'cells.xlsx');
    await wb.xlsx.writeFile(p);

    const { header, rows } = await collect(p);
    expect(header).toMatchObject({ format: 'xlsx', unknownColumns: ['备注'], headerRowNumber: 1 });
    expect(rows).toEqual([
      {
        rowNumber: 2,
        values: {
          单位名称: '稷山县红枣公司',
          统一社会信用代码: CODE,
          岗位名称: '包装工',
          招聘人数: '5',
          工作地点: '稷峰镇',
          薪资下限: '3000',
          截止日期: '2025-12-31',
          联系电话: '13912345678',
        },
      },
      {
        rowNumber: 5,
        values: {
          单位名称: 'B',
          统一社会信用代码: CODE,
          岗位名称: '质检',
          招聘人数: '1.5',
          工作地点: '翟店镇',
          薪资下限: '0.3',
          截止日期: '2026-01-02',
          联系电话: '',
        },
      },
    ]);
  });

  it('reads only the first worksheet, and works from a stream', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('岗位').addRows([
      ['单位名称', '统一社会信用代码', '岗位名称', '招聘人数', '工作地点'],
      ['A', CODE, '焊工', 2, '清河镇'],
    ]);
    wb.addWorksheet('other').addRows([['x'], ['y']]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { rows } = await collect(Readable.from([buf]));
    expect(rows).toHaveLength(1);
    expect(rows[0].values.岗位名称).toBe('焊工');
  });
});

describe('large sheets stream', () => {
  it('reads a 100,000-row CSV with bounded heap growth', async () => {
    const p = path.join(dir, 'big.csv');
    const out = createWriteStream(p);
    out.write('单位名称,统一社会信用代码,岗位名称,招聘人数,工作地点,岗位描述\n');
    const filler = '负责生产线操作，按时完成任务。'.repeat(8);
    for (let i = 0; i < 100_000; i++) {
      if (!out.write(`稷山县第${i}公司,${CODE},岗位${i},${(i % 9) + 1},稷峰镇,${filler}${i}\n`))
        await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const size = (await fsp.stat(p)).size;
    expect(size).toBeGreaterThan(20 * 1024 * 1024);

    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let maxGrowth = 0;
    let last = 0;
    for await (const r of readSheetRows(p)) {
      count++;
      last = r.rowNumber;
      if (count % 10_000 === 0) maxGrowth = Math.max(maxGrowth, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(100_000);
    expect(last).toBe(100_001);
    // The file is > 20 MB of text (> 40 MB as JS strings): holding it would blow this bound.
    expect(maxGrowth).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);
});

/**
 * Streaming reader for the 岗位信息采集表: `.xlsx` (exceljs streaming reader) or `.csv` (csv-parse;
 * UTF-8 with or without BOM, or GBK as Excel on a Chinese Windows saves it). Rows are yielded one
 * at a time with back-pressure, so a 100,000-row sheet is read with flat memory.
 *
 * What is not streamed: exceljs keeps the xlsx shared-string table in memory (it is needed to
 * resolve any cell), and when a workbook stores its worksheets before that table (Excel does),
 * exceljs first copies the worksheet XML to a temp file — disk, not heap.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { JOB_POST_HEADER_NAMES, REQUIRED_JOB_POST_HEADERS } from './headers';

export type SheetFormat = 'xlsx' | 'csv';
export type SheetEncoding = 'utf-8' | 'gbk';

export type SheetUnreadableCode =
  | 'not-found'
  | 'unsupported-format'
  | 'corrupt'
  | 'no-worksheet'
  | 'no-header'
  | 'missing-headers'
  | 'duplicate-headers';

/** The file itself cannot be used (the CLI maps this to exit code 2); rows are never half-read into it. */
export class SheetUnreadableError extends Error {
  override readonly name = 'SheetUnreadableError';
  readonly exitCode = 2;

  constructor(
    readonly code: SheetUnreadableCode,
    zh: string,
    en: string,
    readonly details: { missingHeaders?: string[]; duplicateHeaders?: string[] } = {},
    options?: { cause?: unknown },
  ) {
    super(`${zh} / ${en}`, options);
  }
}

/** One data row: the spreadsheet row number (header = row 1) and the cells of the known columns. */
export interface SheetRecord {
  rowNumber: number;
  /** Known header → raw cell text (not trimmed; '' for a blank cell). Unknown columns are left out. */
  values: Record<string, string>;
}

export interface SheetHeader {
  format: SheetFormat;
  /** Only for CSV: how the bytes were decoded. */
  encoding?: SheetEncoding;
  /** Row number of the header row (1 unless title rows above it were skipped). */
  headerRowNumber: number;
  /** Known headers found, in sheet order. */
  headers: string[];
  /** Header texts that are not part of the contract, in sheet order, each once. */
  unknownColumns: string[];
  /** File size when known (path input), for a progress estimate. */
  totalBytes?: number;
}

export interface ReadSheetOptions {
  /** Skip detection. */
  format?: SheetFormat;
  /** For stream input: a file name whose extension hints the format. */
  fileName?: string;
  /** Defaults to the 岗位信息采集表 headers. */
  knownHeaders?: readonly string[];
  requiredHeaders?: readonly string[];
  /** Called once, before the first row, with what the header row held. */
  onHeader?: (header: SheetHeader) => void;
  /** Called as raw bytes are consumed (for a progress line). */
  onBytes?: (bytesRead: number) => void;
}

export interface OpenedSheet extends SheetHeader {
  rows: AsyncGenerator<SheetRecord, void, undefined>;
  /** Raw bytes consumed so far. */
  readonly bytesRead: number;
}

interface RawRow {
  rowNumber: number;
  /** 0-based by column. */
  cells: string[];
}

type SheetEvent = { kind: 'header'; header: SheetHeader } | { kind: 'row'; record: SheetRecord };

/** How many non-empty rows above the header (a merged title like "稷山县岗位信息采集表") we tolerate. */
const MAX_TITLE_ROWS = 5;
/** Enough bytes to see the zip magic and judge the text encoding of the header row. */
const SNIFF_BYTES = 64 * 1024;
/** A "record" bigger than this is not a sheet row but a binary or broken file. */
const MAX_CSV_RECORD_CHARS = 1_000_000;

/**
 * Streams the data rows of a sheet. The header row is consumed first; `opts.onHeader` receives the
 * header facts (unknown columns, encoding). Throws `SheetUnreadableError` when the file cannot be used.
 */
export async function* readSheetRows(
  input: string | Readable,
  opts: ReadSheetOptions = {},
): AsyncGenerator<SheetRecord, void, undefined> {
  for await (const ev of sheetEvents(input, opts, () => undefined)) {
    if (ev.kind === 'header') opts.onHeader?.(ev.header);
    else yield ev.record;
  }
}

/**
 * Like `readSheetRows`, but resolves once the header row is read, so the caller can report unknown
 * columns (or refuse the file) before any row is processed.
 */
export async function openSheet(input: string | Readable, opts: ReadSheetOptions = {}): Promise<OpenedSheet> {
  let bytesRead = 0;
  const events = sheetEvents(input, opts, (n) => (bytesRead = n));
  const first = await events.next();
  if (first.done || first.value.kind !== 'header') {
    // sheetEvents always yields the header first or throws; this is a guard against a future edit.
    throw new SheetUnreadableError('no-header', '找不到表头行', 'no header row found');
  }
  opts.onHeader?.(first.value.header);
  async function* rows(): AsyncGenerator<SheetRecord, void, undefined> {
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) return;
        if (next.value.kind === 'row') yield next.value.record;
      }
    } finally {
      await events.return(undefined);
    }
  }
  return {
    ...first.value.header,
    rows: rows(),
    get bytesRead() {
      return bytesRead;
    },
  };
}

async function* sheetEvents(
  input: string | Readable,
  opts: ReadSheetOptions,
  setBytes: (n: number) => void,
): AsyncGenerator<SheetEvent, void, undefined> {
  const known = new Set(opts.knownHeaders ?? JOB_POST_HEADER_NAMES);
  const required = opts.requiredHeaders ?? REQUIRED_JOB_POST_HEADERS;
  const fileName = typeof input === 'string' ? input : opts.fileName;

  let totalBytes: number | undefined;
  let source: Readable;
  if (typeof input === 'string') {
    try {
      const st = await fsp.stat(input);
      if (!st.isFile()) throw new Error('not a regular file');
      totalBytes = st.size;
    } catch (cause) {
      throw new SheetUnreadableError(
        'not-found',
        `无法打开文件：${input}`,
        `cannot open file: ${input}`,
        {},
        { cause },
      );
    }
    source = createReadStream(input);
  } else {
    source = input;
  }

  const counted = countBytes(source, (n) => {
    setBytes(n);
    opts.onBytes?.(n);
  });
  let head: Buffer;
  let rest: AsyncIterator<Buffer>;
  try {
    ({ head, rest } = await sniff(counted, SNIFF_BYTES));
  } catch (cause) {
    source.destroy();
    throw new SheetUnreadableError('corrupt', '读取文件失败', 'failed to read the file', {}, { cause });
  }
  const body = Readable.from(prepend(head, rest), { objectMode: false });

  try {
    const format = opts.format ?? detectFormat(head, fileName);
    let raw: AsyncGenerator<RawRow, void, undefined>;
    let encoding: SheetEncoding | undefined;
    if (format === 'xlsx') {
      raw = xlsxRows(body);
    } else {
      encoding = detectEncoding(head);
      raw = csvRows(body, encoding);
    }

    let header: { columns: Map<number, string>; rowNumber: number } | undefined;
    let titleRows = 0;
    for await (const row of wrapReadErrors(raw, format)) {
      if (row.cells.every((c) => c.trim() === '')) continue;
      if (!header) {
        const names = row.cells.map(normaliseHeader);
        if (!names.some((n) => known.has(n)) && titleRows < MAX_TITLE_ROWS) {
          titleRows++;
          continue;
        }
        header = buildHeader(names, row.rowNumber, known, required);
        const headers = [...header.columns.values()];
        const unknownColumns = [...new Set(names.filter((n) => n !== '' && !known.has(n)))];
        yield {
          kind: 'header',
          header: { format, encoding, headerRowNumber: row.rowNumber, headers, unknownColumns, totalBytes },
        };
        continue;
      }
      const values: Record<string, string> = {};
      for (const [col, name] of header.columns) values[name] = row.cells[col] ?? '';
      yield { kind: 'row', record: { rowNumber: row.rowNumber, values } };
    }
    if (!header) {
      throw new SheetUnreadableError(
        titleRows > 0 ? 'missing-headers' : 'no-header',
        titleRows > 0 ? `找不到表头行，缺少必填列：${required.join('、')}` : '文件为空，没有表头行',
        titleRows > 0
          ? `no header row found; required columns: ${required.join(', ')}`
          : 'the file is empty: no header row',
        titleRows > 0 ? { missingHeaders: [...required] } : {},
      );
    }
  } finally {
    // Stops the zip/CSV pipeline and closes the file when the caller stops early or an error is thrown.
    body.destroy();
    source.destroy();
  }
}

function buildHeader(
  names: string[],
  rowNumber: number,
  known: Set<string>,
  required: readonly string[],
): { columns: Map<number, string>; rowNumber: number } {
  const columns = new Map<number, string>();
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  names.forEach((n, col) => {
    if (!known.has(n)) return;
    if (seen.has(n)) duplicates.add(n);
    seen.add(n);
    columns.set(col, n);
  });
  const missing = required.filter((r) => !seen.has(r));
  if (missing.length > 0) {
    throw new SheetUnreadableError(
      'missing-headers',
      `表头缺少必填列：${missing.join('、')}（第${rowNumber}行）`,
      `missing required header(s): ${missing.join(', ')} (row ${rowNumber})`,
      { missingHeaders: missing },
    );
  }
  if (duplicates.size > 0) {
    // Two columns with the same meaning: which one holds the truth is a guess we refuse to make.
    const d = [...duplicates];
    throw new SheetUnreadableError(
      'duplicate-headers',
      `表头重复：${d.join('、')}`,
      `duplicate header(s): ${d.join(', ')}`,
      { duplicateHeaders: d },
    );
  }
  return { columns, rowNumber };
}

/** Header text as written, minus whitespace and the marks people add to required columns. */
function normaliseHeader(s: string): string {
  return s
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/(?:[*＊]|[（(]必填[)）])+$/u, '')
    .replace(/^[*＊]+/u, '');
}

// ---------------------------------------------------------------------------------------------
// Format and encoding detection

function detectFormat(head: Buffer, fileName: string | undefined): SheetFormat {
  const ext = fileName ? path.extname(fileName).toLowerCase() : '';
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new SheetUnreadableError(
      'unsupported-format',
      '不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入',
      'legacy Excel (.xls) files are not supported; save as .xlsx or CSV',
    );
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw new SheetUnreadableError(
      'corrupt',
      '文件扩展名为 .xlsx，但内容不是有效的 Excel 文件',
      'the file is named .xlsx but is not a valid xlsx (zip) file',
    );
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new SheetUnreadableError(
      'unsupported-format',
      '不支持 UTF-16（“Unicode 文本”）文件，请另存为“CSV UTF-8”或 .xlsx',
      'UTF-16 text is not supported; save as "CSV UTF-8" or .xlsx',
    );
  }
  if (head.subarray(0, SNIFF_BYTES).includes(0)) {
    throw new SheetUnreadableError(
      'unsupported-format',
      '无法识别的文件格式，请上传 .xlsx 或 .csv 文件',
      'unrecognised file format: upload an .xlsx or .csv file',
    );
  }
  return 'csv';
}

/** UTF-8 if the sniffed bytes decode strictly (a multi-byte sequence cut at the end is fine), else GBK. */
export function detectEncoding(head: Buffer): SheetEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

// ---------------------------------------------------------------------------------------------
// Byte plumbing

async function* countBytes(source: Readable, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    n += buf.length;
    onBytes(n);
    yield buf;
  }
}

async function sniff(
  source: AsyncGenerator<Buffer>,
  min: number,
): Promise<{ head: Buffer; rest: AsyncIterator<Buffer> }> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < min) {
    const r = await source.next();
    if (r.done) break;
    parts.push(r.value);
    size += r.value.length;
  }
  return { head: Buffer.concat(parts), rest: source };
}

async function* prepend(head: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    for (;;) {
      const r = await rest.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await rest.return?.();
  }
}

async function* wrapReadErrors(
  rows: AsyncGenerator<RawRow, void, undefined>,
  format: SheetFormat,
): AsyncGenerator<RawRow, void, undefined> {
  try {
    yield* rows;
  } catch (cause) {
    if (cause instanceof SheetUnreadableError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new SheetUnreadableError(
      'corrupt',
      format === 'xlsx' ? `Excel 文件已损坏或无法读取（${detail}）` : `CSV 文件无法解析（${detail}）`,
      format === 'xlsx' ? `corrupt or unreadable xlsx file (${detail})` : `CSV cannot be parsed (${detail})`,
      {},
      { cause },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

async function* csvRows(body: Readable, encoding: SheetEncoding): AsyncGenerator<RawRow, void, undefined> {
  const parser = parseCsv({
    bom: true,
    // Excel pads short rows inconsistently; a missing trailing cell is just blank.
    relax_column_count: true,
    relax_quotes: true,
    // Empty lines are kept so that record N is spreadsheet row N (Excel shows blank lines as rows).
    skip_empty_lines: false,
    max_record_size: MAX_CSV_RECORD_CHARS,
  });
  const onDone = (err: NodeJS.ErrnoException | null) => {
    if (err) parser.destroy(err);
  };
  if (encoding === 'gbk') {
    // GB18030 is a superset of GBK: it decodes every GBK file and the rare characters GBK lacks.
    pipeline(body, iconv.decodeStream('gb18030'), parser, onDone);
  } else {
    pipeline(body, parser, onDone);
  }
  let rowNumber = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber++;
    yield { rowNumber, cells: record };
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX

async function* xlsxRows(body: Readable): AsyncGenerator<RawRow, void, undefined> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(body, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are needed to tell a date cell (a number with a date format) from a number.
    styles: 'cache',
    entries: 'ignore',
  });
  // Only the first worksheet: a second sheet is usually instructions (填写说明) or a lookup list.
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellText(cell.value, cell.numFmt);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
      yield { rowNumber: row.number, cells };
    }
    return;
  }
  throw new SheetUnreadableError(
    'no-worksheet',
    'Excel 文件中没有工作表',
    'the xlsx file contains no worksheet',
  );
}

/** Any exceljs cell value → the text a person sees (dates as YYYY-MM-DD). */
export function cellText(value: unknown, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return isDateFormat(numFmt) ? excelSerialToIso(value) : numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[])
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt);
    if ('hyperlink' in v) return cellText(v.text, numFmt);
    if ('error' in v) return typeof v.error === 'string' ? v.error : '';
    if ('text' in v) return cellText(v.text, numFmt);
  }
  return '';
}

/** Numbers as Excel shows them in General format: no float noise, no exponent for integers. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(Number(n.toPrecision(15)));
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymd]/i.test(bare);
}

/** Excel serial day (1900 system) → YYYY-MM-DD; exceljs already converts date-formatted plain cells. */
function excelSerialToIso(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

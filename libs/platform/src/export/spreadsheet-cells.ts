/**
 * Cells of every sheet the platform hands out (CSV results, .xlsx rosters and reports). Text that
 * people typed — an enterprise name, a job title, a reason — can begin like a formula
 * (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or carriage return that some programs strip before
 * reading one); a spreadsheet program would run it when the export is opened (CSV/formula
 * injection). Such text is written with a leading apostrophe, which Excel and WPS show as text.
 * Numbers are written as numbers and never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text safe to put in a spreadsheet cell: unchanged unless it could be read as a formula. */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A value for an exceljs cell: strings made safe, numbers, booleans and dates as they are. */
export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === 'string' ? spreadsheetText(value) : value;
}

/** One CSV field (RFC 4180 quoting when needed), made safe like spreadsheetText. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : spreadsheetText(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document as Excel on Windows opens it correctly: UTF-8 with BOM, CRLF line ends. */
export function csvDocument(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

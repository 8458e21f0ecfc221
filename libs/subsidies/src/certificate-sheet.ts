/**
 * 职业资格（技能等级）证书登记表: the sheet a township station or the skills assessment centre
 * fills in, one certificate a row, people named by their ID number. Pure: the rows' checks and
 * the blank template; reading the file and finding the people are the importer's.
 */
import { CERTIFICATE_LEVELS, CERTIFICATE_LEVEL_NAMES, type CertificateLevel } from '@app/subsidy-engine';
import { csvDocument } from '@app/platform';
import { validateResidentId } from '@app/platform/validation';

export const CERTIFICATE_SHEET_HEADERS = [
  '身份证号',
  '姓名',
  '工种',
  '等级',
  '证书编号',
  '发证日期',
  '发证机构',
  '失业保险参保月数',
  '领取失业保险金',
] as const;
export type CertificateSheetHeader = (typeof CERTIFICATE_SHEET_HEADERS)[number];
export const REQUIRED_CERTIFICATE_HEADERS: readonly CertificateSheetHeader[] = [
  '身份证号',
  '工种',
  '等级',
  '发证日期',
  '发证机构',
];
/** One upload is one transaction: a batch of an assessment centre's certificates fits many times over. */
export const MAX_CERTIFICATE_ROWS = 2000;

/** 等级 as sheets write it: 初级/中级/高级, the national levels 五级/四级/三级, or the codes. */
const LEVEL_WORDS: Readonly<Record<string, CertificateLevel>> = nfkcKeys({
  ...Object.fromEntries(CERTIFICATE_LEVELS.map((l) => [l, l])),
  ...Object.fromEntries(
    Object.entries(CERTIFICATE_LEVEL_NAMES).map(([l, name]) => [name, l as CertificateLevel]),
  ),
  初级工: 'junior',
  中级工: 'intermediate',
  高级工: 'senior',
  五级: 'junior',
  四级: 'intermediate',
  三级: 'senior',
  '初级（五级）': 'junior',
  '中级（四级）': 'intermediate',
  '高级（三级）': 'senior',
});

/** Cells are read NFKC-normalised (full-width brackets become ASCII): so are the words they match. */
function nfkcKeys<T>(words: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(words).map(([k, v]) => [k.normalize('NFKC'), v]));
}

const YES = new Set(['是', '有', 'Y', 'y', 'yes', '1', 'true']);
const NO = new Set(['', '否', '无', 'N', 'n', 'no', '0', 'false']);

/** A row's certificate, the person still named by ID number. */
export interface CertificateSheetRow {
  idNumber: string;
  name: string | null;
  occupation: string;
  level: CertificateLevel;
  certificateNo: string | null;
  issuedOn: string;
  issuingBody: string;
  insuredMonths: number | null;
  receivingUnemploymentBenefit: boolean;
}

export interface CertificateRowProblem {
  column: CertificateSheetHeader;
  message: string;
}

/** 2023-10-10, 2023/10/10, 2023.10.10, 2023年10月10日 → ISO; undefined when no real date. */
export function sheetDate(raw: string): string | undefined {
  const m = /^(\d{4})(?:-|\/|\.|年)(\d{1,2})(?:-|\/|\.|月)(\d{1,2})日?$/u.exec(raw.normalize('NFKC').trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** Checks one row's cells (header → text); every problem of the row at once. */
export function certificateRowOf(
  cells: Readonly<Record<string, string>>,
  today: string,
): { ok: true; row: CertificateSheetRow } | { ok: false; problems: CertificateRowProblem[] } {
  const problems: CertificateRowProblem[] = [];
  const text = (h: CertificateSheetHeader) => (cells[h] ?? '').normalize('NFKC').trim();
  const bad = (column: CertificateSheetHeader, message: string) => problems.push({ column, message });

  const idNumber = text('身份证号').toUpperCase();
  if (!idNumber) bad('身份证号', '必填');
  else if (/^\d(\.\d+)?E\+\d+$/i.test(idNumber)) {
    // Excel shows a long number in scientific notation and keeps only 15 digits of it.
    bad('身份证号', '被 Excel 存成了数字（科学计数法），请把该列设为“文本”后重新填写');
  } else if (!validateResidentId(idNumber, today).ok) bad('身份证号', '不是有效的18位居民身份证号码');

  const occupation = text('工种');
  if (!occupation) bad('工种', '必填');
  else if (occupation.length > 100) bad('工种', '最多100个字');

  const levelText = text('等级').replace(/\s/g, '');
  const level = LEVEL_WORDS[levelText];
  if (!levelText) bad('等级', '必填');
  else if (!level) bad('等级', '应为 初级、中级 或 高级（五级、四级、三级）');

  const certificateNo = text('证书编号');
  if (certificateNo.length > 60) bad('证书编号', '最多60个字符');

  const dateText = text('发证日期');
  const issuedOn = dateText ? sheetDate(dateText) : undefined;
  if (!dateText) bad('发证日期', '必填');
  else if (!issuedOn) bad('发证日期', '应为日期，如 2023-10-10');
  else if (issuedOn > today) bad('发证日期', '不能晚于今天');

  const issuingBody = text('发证机构');
  if (!issuingBody) bad('发证机构', '必填');
  else if (issuingBody.length > 200) bad('发证机构', '最多200个字');

  const monthsText = text('失业保险参保月数');
  const insuredMonths = monthsText === '' ? null : Number(monthsText);
  if (
    insuredMonths !== null &&
    !(Number.isInteger(insuredMonths) && insuredMonths >= 0 && insuredMonths <= 1000)
  ) {
    bad('失业保险参保月数', '应为0到1000的整数');
  }

  const benefit = text('领取失业保险金');
  if (!YES.has(benefit) && !NO.has(benefit)) bad('领取失业保险金', '应填 是 或 否');

  const name = text('姓名');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    row: {
      idNumber,
      name: name || null,
      occupation,
      level: level as CertificateLevel,
      certificateNo: certificateNo || null,
      issuedOn: issuedOn as string,
      issuingBody,
      insuredMonths,
      receivingUnemploymentBenefit: YES.has(benefit),
    },
  };
}

/** The blank sheet (UTF-8 with BOM, so Excel opens it in Chinese) with one example row. */
export function certificateSheetTemplate(): string {
  return (
    '\uFEFF' +
    csvDocument([
      [...CERTIFICATE_SHEET_HEADERS],
      [
        '140824198004120010',
        '张三',
        '焊工',
        '中级',
        'S000014082400123',
        '2023-10-10',
        '运城市职业技能鉴定中心',
        '24',
        '否',
      ],
    ])
  );
}

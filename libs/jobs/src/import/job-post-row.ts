/**
 * Validation of one row of the 岗位信息采集表 into an `ImportedJobPost`. Pure: no I/O, no clock
 * (today is passed in), so the same row always gives the same answer.
 *
 * Every column is checked and every failing column reported (at most one error per column), so a
 * commissioner can fix a row in one pass instead of one error per upload.
 */
import {
  normaliseText,
  textProblem,
  validateCreditCode,
  validateLandline,
  validateMobile,
} from '@app/platform/validation';
import { MUNICIPALITIES, PROVINCES, townshipByName } from '@app/platform/geo';
import { EMPLOYER_SIZE_NAMES, type EmployerSize } from '@app/subsidy-engine';
import { EDUCATION_ALIASES, EDUCATION_NAMES, type EducationLevel } from '@app/seekers/vocabulary';
import { EMPLOYMENT_TYPE_NAMES, type EmploymentType } from '../vocabulary';

export type JobLocation =
  | { kind: 'county'; townshipCode: string; townshipName: string }
  /** A place outside the county: `text` is what the sheet said (trimmed); the parts are parsed from it. */
  | { kind: 'outside'; province: string; city?: string; county?: string; text: string };

export interface ImportedJobPost {
  employer: {
    name: string;
    /** 统一社会信用代码, uppercase, check character verified. */
    creditCode: string;
    size?: EmployerSize;
    industry?: string;
  };
  title: string;
  /** 工种 */
  occupation?: string;
  headcount: number;
  location: JobLocation;
  employmentType: EmploymentType;
  /** 见习 posts feed the internship (就业见习) programme. */
  isInternship: boolean;
  /** Monthly wage bounds in integer fen (the sheet has CNY). */
  wageMinFen?: number;
  wageMaxFen?: number;
  education?: EducationLevel;
  ageMin?: number;
  ageMax?: number;
  skills: string[];
  description?: string;
  contactName?: string;
  /** Mobile `13912345678` or landline as written after normalisation (`0359-5521234`). */
  contactPhone?: string;
  /** YYYY-MM-DD, not before the import day. */
  deadline?: string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export type RowResult = { ok: true; value: ImportedJobPost } | { ok: false; errors: RowError[] };

export const AGE_LIMIT_MIN = 16;
export const AGE_LIMIT_MAX = 70;
export const DESCRIPTION_MAX_CHARS = 2000;
/** Generous caps: they catch a wrong column or an annual figure, not honest values. */
export const HEADCOUNT_MAX = 100_000;
export const WAGE_MAX_CNY = 1_000_000;
const SHORT_TEXT_MAX = 100;
const NAME_MAX = 200;

/** The sheet's words for each value: the vocabularies' own names (and a few other spellings). */
const invert = <K extends string>(names: Readonly<Record<K, string>>): Record<string, K> =>
  Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k])) as Record<string, K>;
const SIZES: Record<string, EmployerSize> = invert(EMPLOYER_SIZE_NAMES);
const EMPLOYMENT_TYPES: Record<string, EmploymentType> = invert(EMPLOYMENT_TYPE_NAMES);
const EDUCATION: Record<string, EducationLevel> = { ...invert(EDUCATION_NAMES), ...EDUCATION_ALIASES };

/** The eleven prefecture-level cities of Shanxi: a place naming one of them needs no province. */
export const SHANXI_CITIES = [
  '太原市',
  '大同市',
  '阳泉市',
  '长治市',
  '晋城市',
  '朔州市',
  '晋中市',
  '运城市',
  '忻州市',
  '临汾市',
  '吕梁市',
] as const;

// Longest first, so that a prefix never shadows a longer name.
const PROVINCES_BY_LENGTH = [...PROVINCES].sort((a, b) => b.length - a.length);
const CITY = /^(.+?(?:市|自治州|地区|盟))(.*)$/u;
const COUNTY = /^.+(?:县|区|市|旗)$/u;

const COL = {
  name: '单位名称',
  creditCode: '统一社会信用代码',
  size: '单位规模',
  industry: '所属行业',
  title: '岗位名称',
  occupation: '工种',
  headcount: '招聘人数',
  location: '工作地点',
  employmentType: '用工形式',
  wageMin: '薪资下限',
  wageMax: '薪资上限',
  education: '学历要求',
  age: '年龄要求',
  skills: '技能要求',
  description: '岗位描述',
  contactName: '联系人',
  contactPhone: '联系电话',
  deadline: '截止日期',
} as const;

type Check<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(message: string): Check<T> => ({ ok: false, message });

/**
 * Validates one sheet row. `rowNumber` is the row as the spreadsheet shows it (header = 1);
 * `today` is the import day (YYYY-MM-DD, China time) against which 截止日期 is checked.
 */
export function validateJobPostRow(
  record: Record<string, string>,
  rowNumber: number,
  today: string,
): RowResult {
  const errors: RowError[] = [];
  // The text rules of every API field hold for cells too: no control characters (a NUL byte
  // would make Postgres refuse the whole batch), white space and invisible characters trimmed.
  for (const column of Object.values(COL)) {
    if (record[column] && textProblem(record[column]) !== null) {
      errors.push({ row: rowNumber, column, message: '含有控制字符（如 NUL），请删除后重新填写' });
    }
  }
  const cell = (column: string) => normaliseText(record[column] ?? '');
  function take<T>(column: string, check: Check<T>): T | undefined {
    if (check.ok) return check.value;
    errors.push({ row: rowNumber, column, message: check.message });
    return undefined;
  }

  const name = take(COL.name, requiredText(cell(COL.name), NAME_MAX));
  const creditCode = take(COL.creditCode, checkCreditCode(cell(COL.creditCode)));
  const size = take(COL.size, optionalChoice(cell(COL.size), SIZES));
  const industry = take(COL.industry, optionalText(cell(COL.industry), SHORT_TEXT_MAX));
  const title = take(COL.title, requiredText(cell(COL.title), SHORT_TEXT_MAX));
  const occupation = take(COL.occupation, optionalText(cell(COL.occupation), SHORT_TEXT_MAX));
  const headcount = take(COL.headcount, checkHeadcount(cell(COL.headcount)));
  const location = take(COL.location, parseLocation(cell(COL.location)));
  const employmentType = take(COL.employmentType, optionalChoice(cell(COL.employmentType), EMPLOYMENT_TYPES));
  const wageMin = take(COL.wageMin, checkWage(cell(COL.wageMin)));
  let wageMax = take(COL.wageMax, checkWage(cell(COL.wageMax)));
  if (wageMin !== undefined && wageMax !== undefined && wageMax < wageMin) {
    errors.push({
      row: rowNumber,
      column: COL.wageMax,
      message: `薪资上限（${wageMax}元）不能低于薪资下限（${wageMin}元）`,
    });
    wageMax = undefined;
  }
  const education = take(COL.education, checkEducation(cell(COL.education)));
  const age = take(COL.age, parseAgeRange(cell(COL.age)));
  const skills = splitSkills(cell(COL.skills));
  const description = take(COL.description, optionalText(cell(COL.description), DESCRIPTION_MAX_CHARS));
  const contactName = take(COL.contactName, optionalText(cell(COL.contactName), SHORT_TEXT_MAX));
  const contactPhone = take(COL.contactPhone, checkPhone(cell(COL.contactPhone)));
  const deadline = take(COL.deadline, checkDeadline(cell(COL.deadline), today));

  if (errors.length > 0) return { ok: false, errors };

  // All required checks passed, so the required values are present; the guards satisfy the compiler.
  if (name === undefined || creditCode === undefined || title === undefined) return { ok: false, errors };
  if (headcount === undefined || location === undefined) return { ok: false, errors };

  const type = employmentType ?? 'full-time';
  const value: ImportedJobPost = {
    employer: { name, creditCode, ...(size && { size }), ...(industry && { industry }) },
    title,
    ...(occupation && { occupation }),
    headcount,
    location,
    employmentType: type,
    isInternship: type === 'internship',
    ...(wageMin !== undefined && { wageMinFen: wageMin * 100 }),
    ...(wageMax !== undefined && { wageMaxFen: wageMax * 100 }),
    ...(education && { education }),
    ...(age?.min !== undefined && { ageMin: age.min }),
    ...(age?.max !== undefined && { ageMax: age.max }),
    skills,
    ...(description && { description }),
    ...(contactName && { contactName }),
    ...(contactPhone && { contactPhone }),
    ...(deadline && { deadline }),
  };
  return { ok: true, value };
}

/**
 * The identity of a post for de-duplication (contract: a duplicate has the same employer, title,
 * place and headcount as an open post). The title is compared after Unicode/width/space folding so
 * that "电焊工 " and "电焊工" are the same post.
 */
export function dedupeKey(p: Pick<ImportedJobPost, 'employer' | 'title' | 'location' | 'headcount'>): string {
  const title = p.title.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const place =
    p.location.kind === 'county'
      ? `county:${p.location.townshipCode}`
      : `outside:${p.location.province}/${p.location.city ?? ''}/${p.location.county ?? ''}`;
  return [p.employer.creditCode.toUpperCase(), title, place, String(p.headcount)].join('|');
}

// ---------------------------------------------------------------------------------------------
// Column checks (some exported: the web form applies the same rules)

function requiredText(s: string, max: number): Check<string> {
  if (s === '') return fail('必填，不能为空');
  return optionalText(s, max) as Check<string>;
}

function optionalText(s: string, max: number): Check<string | undefined> {
  if (s === '') return ok(undefined);
  const length = [...s].length;
  if (length > max) return fail(`内容过长：${length}字，最多${max}字`);
  return ok(s);
}

function optionalChoice<T>(s: string, table: Record<string, T>): Check<T | undefined> {
  if (s === '') return ok(undefined);
  const v = table[s.replace(/\s+/g, '')];
  if (v !== undefined) return ok(v);
  return fail(`“${s}”不是可选值，应为：${Object.keys(table).join(' / ')}`);
}

function checkEducation(s: string): Check<EducationLevel | undefined> {
  if (s === '') return ok(undefined);
  // "大专及以上", "高中以上学历" mean the same minimum level.
  const base = s.replace(/\s+/g, '').replace(/(?:及|或)?以上(?:学历)?$|学历$/u, '');
  const v = EDUCATION[base];
  if (v !== undefined) return ok(v);
  return fail(`“${s}”不是可选值，应为：不限 / 初中 / 高中 / 中专 / 大专 / 本科 / 硕士`);
}

export function normaliseCreditCode(s: string): string {
  // NFKC folds full-width letters and digits typed with a Chinese input method.
  return s.normalize('NFKC').trim().toUpperCase();
}

export function checkCreditCode(raw: string): Check<string> {
  if (raw === '') return fail('必填，不能为空');
  const code = normaliseCreditCode(raw);
  if (/^\d(?:\.\d+)?E\+\d+$/.test(code)) {
    return fail(`“${raw}”已被 Excel 转成数字，请把该列设为“文本”格式后重新填写`);
  }
  const r = validateCreditCode(code);
  if (r.ok) return ok(code);
  switch (r.reason) {
    case 'length':
      return fail(`应为18位，实际${[...code].length}位`);
    case 'charset':
      return fail('含有不允许的字符（只能是数字和大写字母，不含 I、O、Z、S、V）');
    case 'authority':
      return fail('第1位登记管理部门代码应为 1–9、A、N 或 Y，请核对营业执照');
    case 'category':
      return fail('第2位机构类别代码应为 1、2、3 或 9，请核对营业执照');
    case 'area':
      return fail('第3–8位应为登记机关的六位行政区划代码，请核对营业执照');
    case 'check-char':
      return fail('校验码错误，请核对营业执照上的统一社会信用代码');
  }
}

function checkHeadcount(raw: string): Check<number> {
  if (raw === '') return fail('必填，不能为空');
  const s = raw.normalize('NFKC').trim();
  if (!/^\d+$/.test(s)) return fail(`“${raw}”不是正整数`);
  const n = Number(s);
  if (n < 1) return fail('招聘人数至少为1');
  if (n > HEADCOUNT_MAX) return fail(`招聘人数过大（${n}），最多${HEADCOUNT_MAX}`);
  return ok(n);
}

/** A wage cell in CNY per month → the integer (fen conversion happens once, at the end). */
function checkWage(raw: string): Check<number | undefined> {
  if (raw === '') return ok(undefined);
  const s = raw.normalize('NFKC').trim();
  // Thousands separators ("3,500") are how Excel displays money; accept them, but only well-formed.
  if (!/^(?:\d+|\d{1,3}(?:,\d{3})+)$/.test(s)) return fail(`“${raw}”不是整数（单位：元/月）`);
  const n = Number(s.replace(/,/g, ''));
  if (n > WAGE_MAX_CNY) return fail(`金额过大（${n}元/月），请填写月薪`);
  return ok(n);
}

export function parseAgeRange(raw: string): Check<{ min?: number; max?: number } | undefined> {
  if (raw === '') return ok(undefined);
  const s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/周?岁/g, '');
  if (s === '不限') return ok(undefined);
  let min: number | undefined;
  let max: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,3})(?:-|~|—|–|－|至|到)(\d{1,3})$/u.exec(s))) {
    min = Number(m[1]);
    max = Number(m[2]);
  } else if ((m = /^(\d{1,3})(?:以下|以内)$/u.exec(s))) {
    max = Number(m[1]);
  } else if ((m = /^(\d{1,3})以上$/u.exec(s))) {
    min = Number(m[1]);
  } else {
    return fail(`“${raw}”格式不对，应写成如 18-50、50以下 或 18以上`);
  }
  for (const v of [min, max]) {
    if (v !== undefined && (v < AGE_LIMIT_MIN || v > AGE_LIMIT_MAX)) {
      return fail(`年龄应在${AGE_LIMIT_MIN}至${AGE_LIMIT_MAX}岁之间`);
    }
  }
  if (min !== undefined && max !== undefined && min > max) return fail(`最小年龄${min}大于最大年龄${max}`);
  return ok({ ...(min !== undefined && { min }), ...(max !== undefined && { max }) });
}

export function splitSkills(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(/[、,，;；]/u)) {
    const t = part.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out;
}

function checkPhone(raw: string): Check<string | undefined> {
  if (raw === '') return ok(undefined);
  let s = raw.normalize('NFKC').replace(/[\s()（）]/g, (c) => (c === ')' || c === '）' ? '-' : ''));
  s = s.replace(/^\+?86-?(?=1\d{10}$)/, '').replace(/--+/g, '-');
  if (validateMobile(s) || validateLandline(s)) return ok(s);
  return fail(`“${raw}”不是有效的手机号或固定电话（如 13912345678、0359-5521234）`);
}

function checkDeadline(raw: string, today: string): Check<string | undefined> {
  if (raw === '') return ok(undefined);
  const iso = toIsoDate(raw);
  if (iso === undefined) return fail(`“${raw}”不是有效日期，格式应为 YYYY-MM-DD`);
  if (iso < today) return fail(`截止日期 ${iso} 已过（今天是 ${today}）`);
  return ok(iso);
}

/**
 * `2025-06-30`, and the forms Excel writes when a zh-CN sheet is saved as CSV (`2025/6/30`,
 * `2025-6-30`) or typed by hand (`2025年6月30日`), → `2025-06-30` when it is a real calendar day.
 */
export function toIsoDate(raw: string): string | undefined {
  const s = raw.normalize('NFKC').trim();
  const m = /^(\d{4})(?:-|\/|\.|年)(\d{1,2})(?:-|\/|\.|月)(\d{1,2})日?$/u.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (d > days) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * 工作地点: a township of the county by its exact name, or a place outside the county written
 * province → city → county ("江苏省苏州市昆山市"); the province may be left out for a Shanxi city
 * ("运城市新绛县"). Free words ("随便", "县城") are refused: matching needs a place it can locate.
 */
export function parseLocation(raw: string): Check<JobLocation> {
  if (raw === '') return fail('必填，不能为空');
  const text = raw.trim();
  const township = townshipByName(text);
  if (township) return ok({ kind: 'county', townshipCode: township.code, townshipName: township.name });

  const usage = '应填写县内乡镇名称（如 稷峰镇），或县外地点（如 运城市新绛县、江苏省苏州市昆山市）';
  const s = text.replace(/[\s/／·•,，\-－]/gu, '');
  if (/^(?:山西省)?(?:运城市)?稷山县/u.test(s)) {
    // The county itself is not a place matching can use: inside it, the township is the unit.
    return fail(`“${raw}”在本县内，请填写乡镇名称（如 稷峰镇、稷山经开区）`);
  }
  let province = PROVINCES_BY_LENGTH.find((p) => s.startsWith(p));
  let rest = province ? s.slice(province.length) : s;

  let city: string | undefined;
  let county: string | undefined;
  if (province && (MUNICIPALITIES as readonly string[]).includes(province)) {
    // 北京市朝阳区: the municipality is both province and city.
    city = province;
    if (rest !== '') {
      if (!COUNTY.test(rest)) return fail(`“${raw}”无法识别，${usage}`);
      county = rest;
    }
  } else {
    const m = CITY.exec(rest);
    if (!m) return fail(`“${raw}”无法识别，${usage}`);
    city = m[1];
    rest = m[2];
    if (rest !== '') {
      if (!COUNTY.test(rest)) return fail(`“${raw}”无法识别，${usage}`);
      county = rest;
    }
    const shanxiCity = (SHANXI_CITIES as readonly string[]).includes(city);
    if (!province) {
      if (!shanxiCity) return fail(`“${raw}”：省外地点请写明省份，如 江苏省苏州市昆山市`);
      province = '山西省';
    } else if (province === '山西省' && !shanxiCity) {
      return fail(`“${raw}”：${city}不是山西省的地级市`);
    }
  }
  return ok({
    kind: 'outside',
    province,
    ...(city !== undefined && { city }),
    ...(county !== undefined && { county }),
    text,
  });
}

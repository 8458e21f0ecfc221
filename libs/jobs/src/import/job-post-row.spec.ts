import fc from 'fast-check';
import { creditCodeCheckChar } from '@app/platform/validation';
import { dedupeKey, parseLocation, splitSkills, toIsoDate, validateJobPostRow } from './job-post-row';
import type { ImportedJobPost, RowResult } from './job-post-row';

const TODAY = '2025-06-15';
const code17 = '91140824MA0K1234X';
const CODE = code17 + creditCodeCheckChar(code17);
const WRONG_CHECK = code17 + (creditCodeCheckChar(code17) === '0' ? '1' : '0');

const base: Record<string, string> = {
  单位名称: '稷山县红枣食品有限公司',
  统一社会信用代码: CODE,
  岗位名称: '包装工',
  招聘人数: '5',
  工作地点: '稷峰镇',
};

function row(extra: Record<string, string> = {}): RowResult {
  return validateJobPostRow({ ...base, ...extra }, 7, TODAY);
}
function value(extra: Record<string, string> = {}): ImportedJobPost {
  const r = row(extra);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.value;
}
function errorFor(extra: Record<string, string>, column: string): string {
  const r = row(extra);
  if (r.ok) throw new Error(`expected an error for ${column}`);
  const e = r.errors.find((x) => x.column === column);
  if (!e) throw new Error(`no error for ${column}: ${JSON.stringify(r.errors)}`);
  expect(e.row).toBe(7);
  return e.message;
}

describe('validateJobPostRow: a minimal valid row', () => {
  it('accepts the required columns alone, with defaults', () => {
    expect(value()).toEqual({
      employer: { name: '稷山县红枣食品有限公司', creditCode: CODE },
      title: '包装工',
      headcount: 5,
      location: { kind: 'county', townshipCode: 'jifeng', townshipName: '稷峰镇' },
      employmentType: 'full-time',
      isInternship: false,
      skills: [],
    });
  });

  it('accepts a full row and converts every column', () => {
    const v = value({
      单位规模: '小型',
      所属行业: '食品制造',
      工种: '包装',
      用工形式: '见习',
      薪资下限: '3000',
      薪资上限: '4,500',
      学历要求: '高中',
      年龄要求: '18-50',
      技能要求: '打包、叉车,打包；质检',
      岗位描述: '负责红枣包装',
      联系人: '王女士',
      联系电话: '0359-5521234',
      截止日期: '2025-12-31',
    });
    expect(v).toMatchObject({
      employer: { size: 'small', industry: '食品制造' },
      occupation: '包装',
      employmentType: 'internship',
      isInternship: true,
      wageMinFen: 300000,
      wageMaxFen: 450000,
      education: 'senior-high',
      ageMin: 18,
      ageMax: 50,
      skills: ['打包', '叉车', '质检'],
      description: '负责红枣包装',
      contactName: '王女士',
      contactPhone: '0359-5521234',
      deadline: '2025-12-31',
    });
  });

  it('trims every cell', () => {
    const v = value({ 单位名称: '  某公司 ', 岗位名称: '\t电焊工 ', 工作地点: ' 西社镇 ' });
    expect(v.employer.name).toBe('某公司');
    expect(v.title).toBe('电焊工');
    expect(v.location).toEqual({ kind: 'county', townshipCode: 'xishe', townshipName: '西社镇' });
  });
});

describe('required columns', () => {
  it.each(['单位名称', '统一社会信用代码', '岗位名称', '招聘人数', '工作地点'])(
    '%s missing or blank',
    (col) => {
      expect(errorFor({ [col]: '   ' }, col)).toMatch(/必填/);
      const rec = { ...base };
      delete rec[col];
      const r = validateJobPostRow(rec, 3, TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toEqual([{ row: 3, column: col, message: expect.stringMatching(/必填/) }]);
    },
  );
});

describe('统一社会信用代码', () => {
  it('normalises case, surrounding space and full-width characters', () => {
    expect(value({ 统一社会信用代码: ` ${CODE.toLowerCase()} ` }).employer.creditCode).toBe(CODE);
    const fullWidth = [...CODE].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(value({ 统一社会信用代码: fullWidth }).employer.creditCode).toBe(CODE);
  });
  it('refuses a wrong check character', () => {
    expect(errorFor({ 统一社会信用代码: WRONG_CHECK }, '统一社会信用代码')).toMatch(/校验码/);
  });
  it('refuses a wrong length', () => {
    expect(errorFor({ 统一社会信用代码: CODE.slice(0, 17) }, '统一社会信用代码')).toMatch(/18位/);
  });
  it('refuses characters outside the GB 32100 alphabet', () => {
    expect(errorFor({ 统一社会信用代码: 'I' + CODE.slice(1) }, '统一社会信用代码')).toMatch(/字符/);
  });
  it('explains a code Excel turned into a number', () => {
    expect(errorFor({ 统一社会信用代码: '9.11408E+17' }, '统一社会信用代码')).toMatch(/文本/);
  });
  it('accepts every valid code (property)', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.constantFrom(...'123456789ANY'),
        fc.constantFrom(...'1239'),
        fc.array(fc.constantFrom(...charset), { minLength: 9, maxLength: 9 }),
        (authority, category, subject) => {
          const first = `${authority}${category}140824${subject.join('')}`;
          const r = row({ 统一社会信用代码: first + creditCodeCheckChar(first) });
          return r.ok;
        },
      ),
    );
  });
  it('names the part of the structure that is wrong', () => {
    const withCheck = (f: string) => f + creditCodeCheckChar(f);
    expect(errorFor({ 统一社会信用代码: withCheck('B1140824MA0K1234X') }, '统一社会信用代码')).toMatch(
      /第1位/,
    );
    expect(errorFor({ 统一社会信用代码: withCheck('97140824MA0K1234X') }, '统一社会信用代码')).toMatch(
      /第2位/,
    );
    expect(errorFor({ 统一社会信用代码: withCheck('91AB0824MA0K1234X') }, '统一社会信用代码')).toMatch(
      /行政区划/,
    );
  });
});

describe('招聘人数', () => {
  it.each([
    ['1', 1],
    ['30', 30],
    ['１２', 12],
  ])('accepts %s', (s, n) => expect(value({ 招聘人数: s }).headcount).toBe(n));
  it.each(['0', '-3', '2.5', '五', '5人', 'abc', '1e3'])('refuses %s', (s) => {
    expect(errorFor({ 招聘人数: s }, '招聘人数')).toBeTruthy();
  });
  it('refuses an absurd number', () => expect(errorFor({ 招聘人数: '1000001' }, '招聘人数')).toMatch(/过大/));
});

describe('工作地点', () => {
  it('accepts every township of the county by exact name', () => {
    for (const name of ['稷峰镇', '西社镇', '化峪镇', '翟店镇', '清河镇', '蔡村乡', '太阳乡', '稷山经开区']) {
      const loc = value({ 工作地点: name }).location;
      expect(loc).toMatchObject({ kind: 'county', townshipName: name });
    }
  });
  it('parses a Shanxi place without the province', () => {
    expect(parseLocation('运城市新绛县')).toEqual({
      ok: true,
      value: { kind: 'outside', province: '山西省', city: '运城市', county: '新绛县', text: '运城市新绛县' },
    });
    expect(parseLocation('太原市小店区')).toMatchObject({
      ok: true,
      value: { city: '太原市', county: '小店区' },
    });
    expect(parseLocation('运城市')).toMatchObject({
      ok: true,
      value: { province: '山西省', city: '运城市' },
    });
    expect(parseLocation('运城市河津市')).toMatchObject({
      ok: true,
      value: { city: '运城市', county: '河津市' },
    });
  });
  it('parses province/city/county', () => {
    expect(parseLocation('江苏省苏州市昆山市')).toEqual({
      ok: true,
      value: {
        kind: 'outside',
        province: '江苏省',
        city: '苏州市',
        county: '昆山市',
        text: '江苏省苏州市昆山市',
      },
    });
    expect(parseLocation('山西省临汾市尧都区')).toMatchObject({ ok: true, value: { province: '山西省' } });
    expect(parseLocation('内蒙古自治区鄂尔多斯市东胜区')).toMatchObject({
      ok: true,
      value: { province: '内蒙古自治区', city: '鄂尔多斯市', county: '东胜区' },
    });
    expect(parseLocation('北京市朝阳区')).toMatchObject({
      ok: true,
      value: { province: '北京市', city: '北京市', county: '朝阳区' },
    });
    expect(parseLocation('江苏省 苏州市 昆山市')).toMatchObject({ ok: true, value: { county: '昆山市' } });
  });
  it.each([
    '随便',
    '县城',
    '苏州市昆山市',
    '新绛县',
    '山西省苏州市',
    '火星省某市',
    '稷山县',
    '运城市稷山县',
    '江苏省',
  ])('refuses %s', (s) => expect(errorFor({ 工作地点: s }, '工作地点')).toBeTruthy());
  it('says a non-Shanxi city needs its province', () => {
    expect(errorFor({ 工作地点: '苏州市昆山市' }, '工作地点')).toMatch(/省份/);
  });
});

describe('单位规模 / 用工形式 / 学历要求', () => {
  it.each([
    ['大型', 'large'],
    ['中型', 'medium'],
    ['小型', 'small'],
    ['微型', 'micro'],
  ])('单位规模 %s', (s, v) => expect(value({ 单位规模: s }).employer.size).toBe(v));
  it('refuses an unknown size', () => expect(errorFor({ 单位规模: '特大' }, '单位规模')).toMatch(/大型/));

  it.each([
    ['全职', 'full-time', false],
    ['兼职', 'part-time', false],
    ['临时', 'temporary', false],
    ['见习', 'internship', true],
    ['', 'full-time', false],
  ])('用工形式 "%s"', (s, v, internship) => {
    const p = value({ 用工形式: s });
    expect(p.employmentType).toBe(v);
    expect(p.isInternship).toBe(internship);
  });
  it('refuses an unknown employment type', () =>
    expect(errorFor({ 用工形式: '长期' }, '用工形式')).toBeTruthy());

  it.each([
    ['不限', 'none'],
    ['初中', 'junior-high'],
    ['高中', 'senior-high'],
    ['中专', 'secondary-vocational'],
    ['大专', 'college'],
    ['本科', 'bachelor'],
    ['硕士', 'master'],
    ['大专及以上', 'college'],
  ])('学历要求 %s', (s, v) => expect(value({ 学历要求: s }).education).toBe(v));
  it('refuses an unknown education level', () =>
    expect(errorFor({ 学历要求: '博士后' }, '学历要求')).toBeTruthy());
});

describe('薪资下限 / 薪资上限', () => {
  it('converts CNY per month to fen', () => {
    const p = value({ 薪资下限: '0', 薪资上限: '3500' });
    expect(p.wageMinFen).toBe(0);
    expect(p.wageMaxFen).toBe(350000);
  });
  it('allows equal bounds and a single bound', () => {
    expect(value({ 薪资下限: '3000', 薪资上限: '3000' }).wageMaxFen).toBe(300000);
    expect(value({ 薪资上限: '5000' })).toMatchObject({ wageMaxFen: 500000 });
    expect(value({ 薪资上限: '5000' }).wageMinFen).toBeUndefined();
  });
  it.each(['-1', '3000.5', '三千', '3,50', 'abc'])('refuses %s', (s) => {
    expect(errorFor({ 薪资下限: s }, '薪资下限')).toBeTruthy();
    expect(errorFor({ 薪资上限: s }, '薪资上限')).toBeTruthy();
  });
  it('refuses an upper bound below the lower bound, on 薪资上限', () => {
    const r = row({ 薪资下限: '5000', 薪资上限: '3000' });
    expect(r).toEqual({ ok: false, errors: [{ row: 7, column: '薪资上限', message: expect.any(String) }] });
  });
  it('fen is always 100 × yuan (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.nat({ max: 1_000_000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const p = value({ 薪资下限: String(lo), 薪资上限: String(hi) });
        return p.wageMinFen === lo * 100 && p.wageMaxFen === hi * 100;
      }),
    );
  });
});

describe('年龄要求', () => {
  it.each([
    ['18-50', 18, 50],
    ['18～50', 18, 50],
    ['18~50', 18, 50],
    ['18—50', 18, 50],
    ['18至50', 18, 50],
    ['18岁-50岁', 18, 50],
    ['16-70', 16, 70],
    ['30-30', 30, 30],
    ['50以下', undefined, 50],
    ['50岁以下', undefined, 50],
    ['18以上', 18, undefined],
  ])('%s', (s, min, max) => {
    const p = value({ 年龄要求: s });
    expect(p.ageMin).toBe(min);
    expect(p.ageMax).toBe(max);
  });
  it('不限 means no bound', () => {
    const p = value({ 年龄要求: '不限' });
    expect(p.ageMin).toBeUndefined();
    expect(p.ageMax).toBeUndefined();
  });
  it.each(['15-50', '18-71', '50-18', '十八到五十', '18', '18-', 'abc'])('refuses %s', (s) => {
    expect(errorFor({ 年龄要求: s }, '年龄要求')).toBeTruthy();
  });
});

describe('技能要求', () => {
  it('splits on 、 , ， ; ； trims and de-duplicates, keeping order', () => {
    expect(splitSkills('电焊、 气割 ,电焊，叉车;钳工；  ')).toEqual(['电焊', '气割', '叉车', '钳工']);
    expect(splitSkills('')).toEqual([]);
  });
});

describe('岗位描述 / 联系人', () => {
  it('accepts 2000 characters and refuses 2001', () => {
    expect(value({ 岗位描述: '字'.repeat(2000) }).description).toHaveLength(2000);
    expect(errorFor({ 岗位描述: '字'.repeat(2001) }, '岗位描述')).toMatch(/2000/);
  });
  it('refuses an over-long contact name', () => {
    expect(value({ 联系人: '李先生' }).contactName).toBe('李先生');
    expect(errorFor({ 联系人: '李'.repeat(101) }, '联系人')).toBeTruthy();
  });
});

describe('联系电话', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['139 1234 5678', '13912345678'],
    ['+8613912345678', '13912345678'],
    ['0359-5521234', '0359-5521234'],
    ['03595521234', '03595521234'],
    ['(0359)5521234', '0359-5521234'],
    ['010-62345678', '010-62345678'],
  ])('accepts %s', (s, v) => expect(value({ 联系电话: s }).contactPhone).toBe(v));
  it.each(['12345', '1391234567', '23912345678', '5521234', 'abc', '13912345678 / 0359-5521234'])(
    'refuses %s',
    (s) => expect(errorFor({ 联系电话: s }, '联系电话')).toBeTruthy(),
  );
});

describe('截止日期', () => {
  it('accepts today and later, and the forms Excel writes', () => {
    expect(value({ 截止日期: TODAY }).deadline).toBe(TODAY);
    expect(value({ 截止日期: '2026-02-28' }).deadline).toBe('2026-02-28');
    expect(value({ 截止日期: '2025/7/1' }).deadline).toBe('2025-07-01');
    expect(value({ 截止日期: '2025年7月1日' }).deadline).toBe('2025-07-01');
  });
  it('refuses a past date', () => {
    expect(errorFor({ 截止日期: '2025-06-14' }, '截止日期')).toMatch(/已过/);
  });
  it.each(['2025-02-30', '2026-13-01', '2025-06-31', '明年', '20251231', '2025-6'])('refuses %s', (s) => {
    expect(errorFor({ 截止日期: s }, '截止日期')).toBeTruthy();
  });
  it('toIsoDate knows leap years', () => {
    expect(toIsoDate('2028-02-29')).toBe('2028-02-29');
    expect(toIsoDate('2100-02-29')).toBeUndefined();
    expect(toIsoDate('2000-02-29')).toBe('2000-02-29');
  });
});

describe('a row with several errors', () => {
  it('reports each failing column once, with the row number and header', () => {
    const r = validateJobPostRow(
      {
        单位名称: '',
        统一社会信用代码: WRONG_CHECK,
        岗位名称: '电焊工',
        招聘人数: '0',
        工作地点: '随便',
        薪资下限: 'abc',
        年龄要求: '10-80',
        联系电话: '123',
        截止日期: '2020-01-01',
      },
      12,
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.column)).toEqual([
      '单位名称',
      '统一社会信用代码',
      '招聘人数',
      '工作地点',
      '薪资下限',
      '年龄要求',
      '联系电话',
      '截止日期',
    ]);
    for (const e of r.errors) {
      expect(e.row).toBe(12);
      expect(e.message.length).toBeGreaterThan(0);
    }
  });
});

describe('dedupeKey', () => {
  it('is the same for the same employer, title, place and headcount', () => {
    const a = value();
    const b = value({
      岗位名称: ' 包装工',
      单位名称: '别的写法',
      薪资下限: '3000',
      统一社会信用代码: CODE.toLowerCase(),
    });
    expect(dedupeKey(a)).toBe(dedupeKey(b));
  });
  it('differs when any of the four differs', () => {
    const a = dedupeKey(value());
    expect(dedupeKey(value({ 岗位名称: '质检员' }))).not.toBe(a);
    expect(dedupeKey(value({ 工作地点: '西社镇' }))).not.toBe(a);
    expect(dedupeKey(value({ 招聘人数: '6' }))).not.toBe(a);
    const other17 = '91140824MA0K1234Y';
    expect(dedupeKey(value({ 统一社会信用代码: other17 + creditCodeCheckChar(other17) }))).not.toBe(a);
    expect(dedupeKey(value({ 工作地点: '运城市新绛县' }))).not.toBe(
      dedupeKey(value({ 工作地点: '运城市河津市' })),
    );
  });
});

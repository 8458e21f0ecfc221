import { certificateRowOf, certificateSheetTemplate, sheetDate } from './certificate-sheet';

const TODAY = '2026-12-01';
const ROW = {
  身份证号: '140824198004120010',
  姓名: '张三',
  工种: '焊工',
  等级: '中级',
  证书编号: 'S000014082400123',
  发证日期: '2023-10-10',
  发证机构: '运城市职业技能鉴定中心',
  失业保险参保月数: '24',
  领取失业保险金: '否',
};

describe('certificate sheet rows (职业资格证书登记表)', () => {
  it('reads a complete row', () => {
    expect(certificateRowOf(ROW, TODAY)).toEqual({
      ok: true,
      row: {
        idNumber: '140824198004120010',
        name: '张三',
        occupation: '焊工',
        level: 'intermediate',
        certificateNo: 'S000014082400123',
        issuedOn: '2023-10-10',
        issuingBody: '运城市职业技能鉴定中心',
        insuredMonths: 24,
        receivingUnemploymentBenefit: false,
      },
    });
  });

  it('takes the levels as sheets write them, and leaves the optional cells empty', () => {
    const level = (等级: string) => {
      const r = certificateRowOf({ ...ROW, 等级 }, TODAY);
      return r.ok ? r.row.level : null;
    };
    expect([level('初级'), level('四级'), level('高级工'), level('senior'), level('高级（三级）')]).toEqual([
      'junior',
      'intermediate',
      'senior',
      'senior',
      'senior',
    ]);
    const r = certificateRowOf(
      { ...ROW, 姓名: '', 证书编号: '', 失业保险参保月数: '', 领取失业保险金: '' },
      TODAY,
    );
    expect(r).toMatchObject({
      ok: true,
      row: { name: null, certificateNo: null, insuredMonths: null, receivingUnemploymentBenefit: false },
    });
    expect(certificateRowOf({ ...ROW, 领取失业保险金: '是' }, TODAY)).toMatchObject({
      row: { receivingUnemploymentBenefit: true },
    });
    expect(certificateRowOf({ ...ROW, 发证日期: '2023年3月5日' }, TODAY)).toMatchObject({
      row: { issuedOn: '2023-03-05' },
    });
  });

  it('names every wrong cell of a row at once', () => {
    const r = certificateRowOf(
      {
        ...ROW,
        身份证号: '140824198004120011',
        等级: '特级',
        发证日期: '2027-01-01',
        发证机构: '',
        失业保险参保月数: '2.5',
        领取失业保险金: '也许',
      },
      TODAY,
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.problems.map((p) => p.column)).toEqual([
      '身份证号',
      '等级',
      '发证日期',
      '发证机构',
      '失业保险参保月数',
      '领取失业保险金',
    ]);
  });

  it('explains an ID number that Excel turned into a number', () => {
    const r = certificateRowOf({ ...ROW, 身份证号: '1.40824E+17' }, TODAY);
    expect(r.ok ? '' : r.problems[0].message).toContain('科学计数法');
  });

  it('reads real dates only', () => {
    expect([
      sheetDate('2024/2/29'),
      sheetDate('2023-02-29'),
      sheetDate('2023.13.01'),
      sheetDate('昨天'),
    ]).toEqual(['2024-02-29', undefined, undefined, undefined]);
  });

  it('the template has every header and an example row that passes the checks', () => {
    const [header, example] = certificateSheetTemplate().replace('\uFEFF', '').trim().split(/\r?\n/);
    const cells = header.split(',');
    expect(cells).toContain('身份证号');
    const values = Object.fromEntries(cells.map((h, i) => [h, example.split(',')[i]]));
    expect(certificateRowOf(values, TODAY).ok).toBe(true);
  });
});

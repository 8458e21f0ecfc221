import { TOWNSHIPS } from './geo';
import { acceptsOlderWorkers, toJobPostDocument, type JobPostForIndex } from './job-post-document';
import { toSeekerDocument, type SeekerForIndex } from './seeker-document';

const post: JobPostForIndex = {
  id: '7b0c1a52-3f5e-4d6a-9b1e-2f3c4d5e6f70',
  title: '招聘电焊工',
  occupation: '电焊工',
  industry: '钢铁',
  skills: ['氩弧焊'],
  description: null,
  employerId: 'e1',
  employerName: '稷山县华盛钢铁有限公司',
  employerSize: 'large',
  townshipCode: 'devzone',
  placeText: '',
  employmentType: 'full-time',
  wageMinFen: 500_000,
  wageMaxFen: 800_000,
  education: 'secondary-vocational',
  ageMin: 20,
  ageMax: 55,
  isInternship: false,
  headcount: 3,
  publishedAt: '2025-03-01T08:00:00+08:00',
  deadline: '2025-03-31',
  status: 'published',
};

describe('toJobPostDocument', () => {
  it('adds township, geo, numeric timestamps and pinyin', () => {
    const d = toJobPostDocument(post);
    expect(d).toMatchObject({
      township: '稷山经开区',
      townshipCode: 'devzone',
      outsideCounty: false,
      placeText: '稷山经开区',
      distanceM: expect.objectContaining({ devzone: 0, jifeng: expect.any(Number) }),
      publishedAtTs: Date.parse('2025-03-01T00:00:00Z') / 1000,
      deadlineTs: Date.parse('2025-03-31T15:59:59Z') / 1000,
      acceptsOlderWorkers: true,
      educationRank: 2,
    });
    expect(d.pinyin.split(' ')).toEqual(expect.arrayContaining(['hangong', 'huasheng']));
  });

  it('distances from every township centre, in whole metres', () => {
    const d = toJobPostDocument(post);
    expect(Object.keys(d.distanceM ?? {}).sort()).toEqual(TOWNSHIPS.map((t) => t.code).sort());
    // 稷峰镇 to the development zone: about 2 km.
    expect(d.distanceM?.jifeng).toBeGreaterThan(1500);
    expect(d.distanceM?.jifeng).toBeLessThan(2500);
    expect(Object.values(d.distanceM ?? {}).every(Number.isInteger)).toBe(true);
  });

  it('leaves distances out for posts outside the county', () => {
    const d = toJobPostDocument({ ...post, townshipCode: null, placeText: '江苏省苏州市昆山市' });
    expect(d.distanceM).toBeUndefined();
    expect(d).toMatchObject({ township: null, outsideCounty: true, placeText: '江苏省苏州市昆山市' });
  });

  it('refuses an unknown township code', () => {
    expect(() => toJobPostDocument({ ...post, townshipCode: 'atlantis' })).toThrow(/township/);
  });

  it('acceptsOlderWorkers: no upper limit or one of 50 and over', () => {
    expect([null, 49, 50, 60].map(acceptsOlderWorkers)).toEqual([true, false, true, true]);
  });
});

describe('toSeekerDocument', () => {
  const seeker: SeekerForIndex = {
    id: 's1',
    townshipCode: 'xishe',
    desiredOccupations: ['焊工'],
    skills: ['二保焊'],
    certificates: [{ name: '焊工证', level: '中级' }],
    education: 'junior-high',
    wageExpectationFen: 500_000,
    availability: 'immediately',
    birthDate: '1975-06-30',
    groups: ['rural-labourer'],
    consentToMatching: true,
    updatedAt: '2025-01-01T00:00:00Z',
  };

  it('keeps an age band, never the birth date or any identifier passed along', () => {
    const withPersonalData = {
      ...seeker,
      name: '张三',
      idNumber: '140824197506300017',
      phone: '13912345678',
    };
    const d = toSeekerDocument(withPersonalData, '2025-06-29');
    expect(d.ageBand).toBe('45-54'); // 49 the day before the birthday
    expect(toSeekerDocument(seeker, '2025-06-30').ageBand).toBe('45-54');
    const json = JSON.stringify(d);
    for (const secret of ['张三', '140824197506300017', '13912345678', '1975-06-30'])
      expect(json).not.toContain(secret);
    expect(d.certificates).toEqual(['焊工证 中级']);
    expect(d.township).toBe('西社镇');
  });
});

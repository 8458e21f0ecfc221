import fc from 'fast-check';
import { TOWNSHIPS } from '../geo';
import { AVAILABILITIES, EDUCATION_LEVELS } from '@app/seekers/vocabulary';
import { PERSON_GROUPS } from '@app/subsidy-engine';
import { distancePoints, scoreMatch, type PostForMatch, type SeekerForMatch } from './scoring';

const welder: SeekerForMatch = {
  desiredOccupations: ['焊工'],
  skills: ['二保焊'],
  certificates: [{ name: '焊工证', level: '中级' }],
  education: 'junior-high',
  townshipCode: 'jifeng',
  wageExpectationFen: 500_000,
  availability: 'immediately',
  groups: ['rural-labourer'],
  age: 45,
};
const weldingPost: PostForMatch = {
  title: '招聘电焊工',
  occupation: '电焊工',
  skills: ['焊工', '二保焊'],
  education: 'junior-high',
  townshipCode: 'jifeng',
  wageMinFen: 450_000,
  wageMaxFen: 600_000,
  ageMin: 20,
  ageMax: 55,
  isInternship: false,
};

describe('scoreMatch examples', () => {
  it('a certified welder and a welding post in his township: full marks, with reasons', () => {
    const r = scoreMatch(welder, weldingPost, { subsidyReason: '企业可申请社会保险补贴' });
    expect(r.score).toBe(100);
    expect(r.reasons).toEqual([
      '岗位匹配：意向「焊工」与岗位「电焊工」相符',
      '技能匹配：持中级焊工证，具备二保焊',
      '同在稷峰镇',
      '薪资符合期望',
      '学历符合要求（初中）',
      '可立即到岗',
      '企业可申请社会保险补贴',
    ]);
  });

  it('an unrelated trade scores low', () => {
    const r = scoreMatch(
      { ...welder, desiredOccupations: ['厨师'], certificates: [], skills: ['面点'] },
      weldingPost,
    );
    expect(r.parts.occupation).toBe(0);
    expect(r.score).toBeLessThan(50);
  });

  it('distance: same township > near > far in the county > outside the county', () => {
    const at = (townshipCode: string | null) =>
      scoreMatch(welder, { ...weldingPost, townshipCode, placeText: '江苏省苏州市昆山市' });
    const same = at('jifeng').parts.distance;
    const near = at('devzone').parts.distance; // ≈ 2 km
    const outside = at(null);
    expect(same).toBeGreaterThan(near);
    expect(near).toBeGreaterThan(outside.parts.distance);
    expect(at('devzone').reasons).toContain('距离约2公里（稷山经开区）');
    expect(outside.reasons).toContain('工作地点在县外（江苏省苏州市昆山市）');
  });

  it('a wage below expectation and a missing education lower the score', () => {
    const r = scoreMatch(welder, { ...weldingPost, wageMaxFen: 300_000, education: 'college' });
    expect(r.parts.wage).toBe(0);
    expect(r.parts.education).toBe(0);
  });

  it('an age outside the range halves the score and says so', () => {
    const r = scoreMatch({ ...welder, age: 58 }, weldingPost);
    expect(r.score).toBe(50);
    expect(r.reasons).toContain('年龄不在要求范围（20-55岁）');
  });

  it('村医 matches 乡村医生 and 月嫂 matches a 家政服务员 post', () => {
    const nurse = { ...welder, desiredOccupations: ['村医'], certificates: [], skills: [] };
    expect(
      scoreMatch(nurse, { ...weldingPost, title: '招聘乡村医生', occupation: null, skills: [] }).parts
        .occupation,
    ).toBe(35);
    const nanny = { ...welder, desiredOccupations: ['月嫂'], certificates: [], skills: [] };
    expect(
      scoreMatch(nanny, { ...weldingPost, title: '家政服务员', occupation: '家政服务员', skills: [] }).parts
        .occupation,
    ).toBe(35);
  });
});

const words = [
  '焊工',
  '电焊工',
  '电工',
  '维修电工',
  '厨师',
  '面点师',
  '保姆',
  '家政',
  '叉车工',
  '主播',
  '二保焊',
  '驾驶证',
  '护工',
];
const township = fc.option(fc.constantFrom(...TOWNSHIPS.map((t) => t.code)), { nil: null });
const education = fc.option(fc.constantFrom(...EDUCATION_LEVELS), { nil: null });
const fen = fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null });
const age = fc.option(fc.integer({ min: 16, max: 70 }), { nil: null });
const seekerArb: fc.Arbitrary<SeekerForMatch> = fc.record({
  desiredOccupations: fc.array(fc.constantFrom(...words), { maxLength: 3 }),
  skills: fc.array(fc.constantFrom(...words), { maxLength: 4 }),
  certificates: fc.array(fc.record({ name: fc.constantFrom('焊工证', '电工证', '叉车证', '育婴师证') }), {
    maxLength: 2,
  }),
  education,
  townshipCode: township,
  wageExpectationFen: fen,
  availability: fc.constantFrom(...AVAILABILITIES),
  groups: fc.subarray([...PERSON_GROUPS]),
  age: fc.option(fc.integer({ min: 16, max: 70 }), { nil: undefined }),
});
const postArb: fc.Arbitrary<PostForMatch> = fc.record({
  title: fc.constantFrom(...words).map((w) => `招聘${w}`),
  occupation: fc.option(fc.constantFrom(...words), { nil: null }),
  skills: fc.array(fc.constantFrom(...words), { maxLength: 4 }),
  education,
  townshipCode: township,
  wageMinFen: fen,
  wageMaxFen: fen,
  ageMin: age,
  ageMax: age,
  isInternship: fc.boolean(),
});

describe('scoreMatch properties', () => {
  it('score is an integer in 0..100 and parts stay within their weights', () => {
    fc.assert(
      fc.property(seekerArb, postArb, (s, p) => {
        const r = scoreMatch(s, p);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.parts.occupation).toBeLessThanOrEqual(35);
        expect(r.parts.skills).toBeLessThanOrEqual(25);
        expect(r.parts.distance).toBeLessThanOrEqual(15);
        expect(r.parts.wage).toBeLessThanOrEqual(15);
        expect(r.parts.education).toBeLessThanOrEqual(10);
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(fc.property(seekerArb, postArb, (s, p) => expect(scoreMatch(s, p)).toEqual(scoreMatch(s, p))));
  });

  it('adding a skill the post asks for never lowers the score', () => {
    fc.assert(
      fc.property(seekerArb, postArb, (s, p) => {
        fc.pre(p.skills.length > 0);
        const before = scoreMatch(s, p);
        const after = scoreMatch({ ...s, skills: [...s.skills, p.skills[0]] }, p);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.parts.skills).toBeGreaterThanOrEqual(before.parts.skills);
      }),
      { numRuns: 1000 },
    );
  });

  it('a higher wage ceiling never lowers the score', () => {
    fc.assert(
      fc.property(seekerArb, postArb, fc.integer({ min: 0, max: 500_000 }), (s, p, extra) => {
        fc.pre(p.wageMaxFen !== null);
        const higher = { ...p, wageMaxFen: (p.wageMaxFen as number) + extra };
        expect(scoreMatch(s, higher).score).toBeGreaterThanOrEqual(scoreMatch(s, p).score);
      }),
    );
  });

  it('distance is a symmetric fact: swapping the two townships gives the same points', () => {
    fc.assert(
      fc.property(township, township, (a, b) => {
        expect(distancePoints(a, b)).toEqual(distancePoints(b, a));
        const s = { ...welder, townshipCode: a };
        const swapped = { ...welder, townshipCode: b };
        if (a && b) {
          expect(scoreMatch(s, { ...weldingPost, townshipCode: b }).parts.distance).toBe(
            scoreMatch(swapped, { ...weldingPost, townshipCode: a }).parts.distance,
          );
        }
      }),
    );
  });
});

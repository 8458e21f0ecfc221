import { internshipProgress } from './internship.rules';

describe('internshipProgress', () => {
  const posts = [
    { id: 'p1', employerId: 'h1', employerName: '稷山县人民医院', headcount: 3 },
    { id: 'p2', employerId: 'h1', employerName: '稷山县人民医院', headcount: 2 },
    { id: 'p3', employerId: 's1', employerName: '稷山中学', headcount: 1 },
    { id: 'p4', employerId: 'e1', employerName: '稷山县晋南机械有限公司', headcount: 5 },
  ];
  const hosts = new Map([
    ['h1', { kind: 'hospital' as const, affiliation: 'county-medical-group' as const, demonstration: true }],
    ['s1', { kind: 'school' as const, affiliation: 'education-bureau' as const, demonstration: false }],
    ['x9', { kind: 'community' as const, affiliation: null, demonstration: true }],
  ]);

  it('counts posts and places by host unit, sector and the two bodies named apart', () => {
    const r = internshipProgress(posts, new Map([['p1', 4]]), hosts, 80);
    expect(r).toMatchObject({ target: 80, posts: 4, places: 4 + 2 + 1 + 5, demonstrationUnits: 2 });
    expect(r.byHostUnit.map((u) => [u.name, u.posts, u.places])).toEqual([
      ['稷山县人民医院', 2, 6],
      ['稷山县晋南机械有限公司', 1, 5],
      ['稷山中学', 1, 1],
    ]);
    expect(r.bySector.find((s) => s.sector === 'enterprise')).toMatchObject({ posts: 1, places: 5 });
    expect(r.byAffiliation).toEqual([
      { affiliation: 'county-medical-group', name: '县医疗集团', posts: 2, places: 6 },
      { affiliation: 'education-bureau', name: '县教育局', posts: 1, places: 1 },
    ]);
  });

  it('is zero without posts', () => {
    expect(internshipProgress([], new Map(), new Map(), 80)).toMatchObject({
      posts: 0,
      places: 0,
      byHostUnit: [],
    });
  });
});

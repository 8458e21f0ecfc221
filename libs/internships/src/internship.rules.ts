/** 见习单位 kinds the plan names (二(十一)): hospitals, schools, enterprises, communities, projects. */
export const HOST_UNIT_KINDS = ['hospital', 'school', 'enterprise', 'community', 'project'] as const;
export type HostUnitKind = (typeof HOST_UNIT_KINDS)[number];
export const HOST_UNIT_KIND_NAMES: Readonly<Record<HostUnitKind, string>> = {
  hospital: '医疗卫生',
  school: '学校',
  enterprise: '企业',
  community: '社区',
  project: '项目',
};

/** The two bodies the plan names apart: the county medical group and the education bureau. */
export const HOST_AFFILIATIONS = ['county-medical-group', 'education-bureau'] as const;
export type HostAffiliation = (typeof HOST_AFFILIATIONS)[number];
export const HOST_AFFILIATION_NAMES: Readonly<Record<HostAffiliation, string>> = {
  'county-medical-group': '县医疗集团',
  'education-bureau': '县教育局',
};

/** An intern's outcome at the end: kept on by the host, hired elsewhere, or left. */
export const INTERN_OUTCOMES = ['kept-on', 'hired-elsewhere', 'left'] as const;
export type InternOutcome = (typeof INTERN_OUTCOMES)[number];
export const INTERN_OUTCOME_NAMES: Readonly<Record<InternOutcome, string>> = {
  'kept-on': '留用',
  'hired-elsewhere': '到其他单位就业',
  left: '中途离开',
};

export const INTERN_STATUSES = ['accepted', 'started', 'ended'] as const;
export type InternStatus = (typeof INTERN_STATUSES)[number];
export const INTERN_STATUS_NAMES: Readonly<Record<InternStatus, string>> = {
  accepted: '已录取',
  started: '见习中',
  ended: '已结束',
};

export interface ProgressPost {
  id: string;
  employerId: string;
  employerName: string;
  headcount: number;
}

export interface ProgressHost {
  kind: HostUnitKind;
  affiliation: HostAffiliation | null;
  demonstration: boolean;
}

export interface InternshipProgress {
  target: number;
  posts: number;
  places: number;
  byHostUnit: {
    organisationId: string;
    name: string;
    kind: HostUnitKind;
    kindName: string;
    affiliation: HostAffiliation | null;
    demonstration: boolean;
    posts: number;
    places: number;
  }[];
  bySector: { sector: HostUnitKind; name: string; posts: number; places: number }[];
  byAffiliation: { affiliation: HostAffiliation; name: string; posts: number; places: number }[];
  demonstrationUnits: number;
}

/**
 * The gathering progress toward the target, from the published internship posts: a post's places
 * are its internship places when given, else its headcount; an employer not designated as a host
 * unit counts as an enterprise. Pure.
 */
export function internshipProgress(
  posts: readonly ProgressPost[],
  places: ReadonlyMap<string, number>,
  hosts: ReadonlyMap<string, ProgressHost>,
  /** 二(十一)'s number (at least 80 in 2023), from the policy pack's targets. */
  target: number,
): InternshipProgress {
  const units = new Map<string, InternshipProgress['byHostUnit'][number]>();
  for (const p of posts) {
    const h = hosts.get(p.employerId);
    const kind = h?.kind ?? 'enterprise';
    const u = units.get(p.employerId) ?? {
      organisationId: p.employerId,
      name: p.employerName,
      kind,
      kindName: HOST_UNIT_KIND_NAMES[kind],
      affiliation: h?.affiliation ?? null,
      demonstration: h?.demonstration ?? false,
      posts: 0,
      places: 0,
    };
    u.posts += 1;
    u.places += places.get(p.id) ?? p.headcount;
    units.set(p.employerId, u);
  }
  const byHostUnit = [...units.values()].sort(
    (a, b) => b.posts - a.posts || a.name.localeCompare(b.name, 'zh'),
  );
  const bySector = HOST_UNIT_KINDS.map((sector) => {
    const of = byHostUnit.filter((u) => u.kind === sector);
    return {
      sector,
      name: HOST_UNIT_KIND_NAMES[sector],
      posts: of.reduce((n, u) => n + u.posts, 0),
      places: of.reduce((n, u) => n + u.places, 0),
    };
  });
  const byAffiliation = HOST_AFFILIATIONS.map((affiliation) => {
    const of = byHostUnit.filter((u) => u.affiliation === affiliation);
    return {
      affiliation,
      name: HOST_AFFILIATION_NAMES[affiliation],
      posts: of.reduce((n, u) => n + u.posts, 0),
      places: of.reduce((n, u) => n + u.places, 0),
    };
  });
  return {
    target,
    posts: posts.length,
    places: byHostUnit.reduce((n, u) => n + u.places, 0),
    byHostUnit,
    bySector,
    byAffiliation,
    demonstrationUnits: [...hosts.values()].filter((h) => h.demonstration).length,
  };
}

/** A JSON-friendly public description of a pack, for GET /api/v1/policies and /:id. */
import { Pack, Param } from './pack';

export interface PackSummary {
  id: string;
  version: string;
  title: string;
  document: string;
  region: { province: string; city?: string; county?: string };
  window: { from: string; to: string };
}

export function summarisePack(pack: Pack): PackSummary {
  const { province, city, county } = pack.region;
  return {
    id: pack.id,
    version: pack.version,
    title: pack.title,
    document: pack.document,
    region: { province, city, county },
    window: { from: pack.window.from, to: pack.window.to },
  };
}

function describeParam(p: Param): Record<string, unknown> {
  const out: Record<string, unknown> = { value: p.value, clause: p.clause, set: p.value !== null };
  if (p.note) out.note = p.note;
  if (p.from) out.from = p.from;
  if (p.to) out.to = p.to;
  if (p.exceptions) out.exceptions = p.exceptions.map((e) => ({ ...e }));
  return out;
}

/** Deep-copied, plain JSON: measures with their parameters, clauses and windows. */
export function describePack(pack: Pack) {
  return {
    ...summarisePack(pack),
    issuedOn: pack.issuedOn,
    regionClause: pack.region.clause,
    windowClause: pack.window.clause,
    supersedes: [...pack.supersedes],
    parameters: Object.fromEntries(Object.entries(pack.parameters).map(([k, p]) => [k, describeParam(p)])),
    measures: pack.measures.map((m) => ({
      id: m.id,
      name: m.name,
      clause: m.clause,
      beneficiary: m.beneficiary,
      per: m.per,
      window: { ...m.window },
      ...(m.appliesWhen ? { appliesWhen: JSON.parse(JSON.stringify(m.appliesWhen)) as unknown } : {}),
      params: Object.fromEntries(Object.entries(m.params).map(([k, p]) => [k, describeParam(p)])),
    })),
    benefits: pack.benefits.map((b) => ({ ...b, measures: [...b.measures] })),
  };
}

/**
 * The county's administrative units that a post, a seeker or a staff station belongs to:
 * six towns, two townships (乡) and the development zone. Centres are approximate (town seats),
 * good enough for "how far is the work" in matching and geo sorting; they are not survey data.
 */
export interface Township {
  /** Stable code used in the database and URLs. */
  code: string;
  /** Official Chinese name, as written on the collection sheet. */
  name: string;
  kind: 'town' | 'township' | 'zone';
  lat: number;
  lng: number;
}

export const TOWNSHIPS: readonly Township[] = Object.freeze([
  { code: 'jifeng', name: '稷峰镇', kind: 'town', lat: 35.6004, lng: 110.9839 },
  { code: 'xishe', name: '西社镇', kind: 'town', lat: 35.6519, lng: 110.8755 },
  { code: 'huayu', name: '化峪镇', kind: 'town', lat: 35.6342, lng: 111.0533 },
  { code: 'zhaidian', name: '翟店镇', kind: 'town', lat: 35.5611, lng: 110.8921 },
  { code: 'qinghe', name: '清河镇', kind: 'town', lat: 35.5459, lng: 110.9656 },
  { code: 'caicun', name: '蔡村乡', kind: 'township', lat: 35.5782, lng: 111.0471 },
  { code: 'taiyang', name: '太阳乡', kind: 'township', lat: 35.6698, lng: 110.9412 },
  { code: 'devzone', name: '稷山经开区', kind: 'zone', lat: 35.5876, lng: 111.0027 },
] as const);

const byName = new Map(TOWNSHIPS.map((t) => [t.name, t]));
const byCode = new Map(TOWNSHIPS.map((t) => [t.code, t]));

export function townshipByName(name: string): Township | undefined {
  return byName.get(name.trim());
}

export function townshipByCode(code: string): Township | undefined {
  return byCode.get(code);
}

/** Great-circle distance in metres between two township centres (haversine). */
export function distanceMetres(a: Pick<Township, 'lat' | 'lng'>, b: Pick<Township, 'lat' | 'lng'>): number {
  const R = 6371000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * R * Math.asin(Math.sqrt(h)));
}

export { MUNICIPALITIES, PROVINCES, provinceOf } from './provinces';

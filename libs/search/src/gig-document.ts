import type { GigRecord } from '@app/gigs';
import { dayNumber } from '@app/gigs';
import { TOWNSHIPS, distanceMetres, townshipByCode } from './geo';
import { tradeKeys } from './synonyms/synonyms';
import { pinyinFields } from './text/pinyin';

/** A gig as the `gigs` index holds it: what the list shows, what it filters and sorts on. No contact details. */
export interface GigDocument {
  id: string;
  title: string;
  trade: string;
  /** The trade as written and the synonym groups it names (搬运装卸 → 搬运装卸; 护工陪护 → 养老护理): the trade filter. */
  tradeKeys: string[];
  description: string;
  township: string;
  townshipCode: string;
  address: string | null;
  payFen: number;
  payUnit: string;
  headcount: number;
  accepted: number;
  olderWorkersWelcome: boolean;
  ageMax: number | null;
  posterKind: string;
  date: string;
  /** Days since 1970-01-01 of `date` (filter: today, tomorrow, from today on). */
  dateDay: number;
  startTime: string;
  endTime: string;
  status: string;
  /** Metres from every township centre (sort by distance from the asked one; no geo tree to rebuild). */
  distanceM: Record<string, number>;
  pinyin: string;
  initials: string;
}

export function toGigDocument(g: GigRecord): GigDocument {
  const t = townshipByCode(g.townshipCode);
  if (!t) throw new Error(`gig ${g.id}: unknown township ${g.townshipCode}`);
  const py = pinyinFields(`${g.title} ${g.trade}`);
  return {
    id: g.id,
    title: g.title,
    trade: g.trade,
    tradeKeys: tradeKeys(g.trade),
    description: g.description.slice(0, 500),
    township: t.name,
    townshipCode: g.townshipCode,
    address: g.address,
    payFen: g.payFen,
    payUnit: g.payUnit,
    headcount: g.headcount,
    accepted: g.accepted,
    olderWorkersWelcome: g.olderWorkersWelcome,
    ageMax: g.ageMax,
    posterKind: g.posterKind,
    date: g.date,
    dateDay: dayNumber(g.date),
    startTime: g.startTime,
    endTime: g.endTime,
    status: g.status,
    distanceM: Object.fromEntries(TOWNSHIPS.map((x) => [x.code, Math.round(distanceMetres(x, t))])),
    pinyin: py.pinyin,
    initials: py.initials,
  };
}

import { distanceMetres, townshipByCode } from '../geo';
import { EDUCATION_NAMES, EDUCATION_RANK, type EducationLevel } from '@app/seekers/vocabulary';
import type { PersonGroup } from '@app/subsidy-engine';
import type { SeekerAvailability } from '@app/seekers/vocabulary';
import type { Certificate } from '../seeker-document';
import { areTradeSynonyms, synonymsOf, tradesIn } from '../synonyms/synonyms';
import { normaliseWord } from '../text/normalise';

/** What scoring needs to know about a seeker (no personal identifiers). */
export interface SeekerForMatch {
  desiredOccupations: string[];
  skills: string[];
  certificates: Certificate[];
  education: EducationLevel | null;
  townshipCode: string | null;
  wageExpectationFen: number | null;
  availability: SeekerAvailability;
  groups: PersonGroup[];
  /** Age in years, when known; checked against the post's age range. */
  age?: number | null;
}

/** What scoring needs to know about a post. */
export interface PostForMatch {
  title: string;
  occupation: string | null;
  skills: string[];
  education: EducationLevel | null;
  /** County township code, or null for a place outside the county. */
  townshipCode: string | null;
  /** The place as written, shown in the reason for posts outside the county. */
  placeText?: string;
  wageMinFen: number | null;
  wageMaxFen: number | null;
  ageMin: number | null;
  ageMax: number | null;
  isInternship: boolean;
}

export interface MatchOptions {
  /**
   * Hook for the subsidy side: e.g. 招用该人员企业可申请社会保险补贴 when the employer would likely
   * be entitled to a subsidy for this hire. Shown as a reason; it does not change the score.
   */
  subsidyReason?: string | null;
}

export interface MatchParts {
  occupation: number;
  skills: number;
  distance: number;
  wage: number;
  education: number;
}

export interface MatchResult {
  /** 0..100, integer. */
  score: number;
  /** Chinese, in the order of the parts: 岗位匹配…；技能匹配…；同在稷峰镇；薪资符合期望 … */
  reasons: string[];
  parts: MatchParts;
}

/** Maximum points per part; they add up to 100. */
export const MATCH_WEIGHTS: Readonly<MatchParts> = {
  occupation: 35,
  skills: 25,
  distance: 15,
  wage: 15,
  education: 10,
};

/** Within this distance of township centres, the work counts as near. */
const NEAR_METRES = 10_000;

const norm = normaliseWord;

/** Whether a seeker's word (an occupation, skill or certificate) and a post's word mean the same. */
function wordsMatch(seekerWord: string, postWord: string): boolean {
  const a = norm(seekerWord);
  const b = norm(postWord);
  if (!a || !b) return false;
  // 焊工证 covers 焊工; 电焊 covers 电焊工.
  if (a === b || a.includes(b) || b.includes(a)) return true;
  if (areTradeSynonyms(a, b)) return true;
  const ta = tradesIn(a);
  return ta.length > 0 && tradesIn(b).some((t) => ta.includes(t));
}

/** Whether a word names the post's trade: its occupation, a synonym, or a trade word in the title. */
function namesPostTrade(word: string, post: PostForMatch): boolean {
  if (post.occupation && wordsMatch(word, post.occupation)) return true;
  const title = norm(post.title);
  if (title.includes(norm(word))) return true;
  const wordTrades = tradesIn(word);
  if (wordTrades.length === 0) {
    return synonymsOf(word).some((w) => title.includes(norm(w)));
  }
  const postTrades = tradesIn(`${post.title} ${post.occupation ?? ''}`);
  return wordTrades.some((t) => postTrades.includes(t));
}

function occupationPart(seeker: SeekerForMatch, post: PostForMatch, reasons: string[]): number {
  const postName = post.occupation || post.title;
  const desired = seeker.desiredOccupations.find((d) => namesPostTrade(d, post));
  if (desired) {
    reasons.push(`岗位匹配：意向「${desired}」与岗位「${postName}」相符`);
    return MATCH_WEIGHTS.occupation;
  }
  // No stated wish, or another wish, but a certificate of this trade: still a fair fit.
  const cert = seeker.certificates.find((c) => namesPostTrade(c.name, post));
  if (cert) {
    reasons.push(`岗位相关：持有${cert.name}`);
    return Math.round(MATCH_WEIGHTS.occupation * 0.6);
  }
  const skill = seeker.skills.find((s) => namesPostTrade(s, post));
  if (skill) {
    reasons.push(`岗位相关：具备${skill}技能`);
    return Math.round(MATCH_WEIGHTS.occupation * 0.5);
  }
  // Someone open to any work (no wish stated) is a weaker fit than a match, better than a clash.
  return seeker.desiredOccupations.length === 0 ? Math.round(MATCH_WEIGHTS.occupation * 0.3) : 0;
}

function skillsPart(seeker: SeekerForMatch, post: PostForMatch, reasons: string[]): number {
  const seekerWords = [...seeker.skills, ...seeker.certificates.map((c) => c.name)];
  const required = [...new Set(post.skills.map((s) => s.trim()).filter(Boolean))];
  const matched = required.filter((r) => seekerWords.some((w) => wordsMatch(w, r)));
  const certForTrade = seeker.certificates.find((c) => namesPostTrade(c.name, post));
  // A post that lists no skills is neutral: half marks, plus the certificate bonus below.
  const ratio = required.length === 0 ? 0.5 : matched.length / required.length;
  const bonus = certForTrade ? 0.2 : 0;
  const points = Math.round(MATCH_WEIGHTS.skills * Math.min(1, ratio + bonus));
  const parts: string[] = [];
  if (certForTrade) parts.push(`持${certForTrade.level ? `${certForTrade.level}` : ''}${certForTrade.name}`);
  const shownSkills = matched.filter((m) => !certForTrade || !wordsMatch(certForTrade.name, m));
  if (shownSkills.length > 0) parts.push(`具备${shownSkills.join('、')}`);
  if (parts.length > 0) reasons.push(`技能匹配：${parts.join('，')}`);
  return points;
}

/** Distance points from township centres; symmetric in its two township codes. */
export function distancePoints(
  a: string | null,
  b: string | null,
): { points: number; metres: number | null } {
  const ta = a ? townshipByCode(a) : undefined;
  const tb = b ? townshipByCode(b) : undefined;
  if (!a || !b) {
    // One side outside the county (labour export) or unknown: possible, but far.
    return { points: (!a && !b) || (a && !ta) || (b && !tb) ? 5 : 3, metres: null };
  }
  if (!ta || !tb) return { points: 5, metres: null };
  if (ta.code === tb.code) return { points: MATCH_WEIGHTS.distance, metres: 0 };
  const metres = distanceMetres(ta, tb);
  return { points: metres <= NEAR_METRES ? 11 : 8, metres };
}

function distancePart(seeker: SeekerForMatch, post: PostForMatch, reasons: string[]): number {
  const seekerT = seeker.townshipCode ? townshipByCode(seeker.townshipCode) : undefined;
  const postT = post.townshipCode ? townshipByCode(post.townshipCode) : undefined;
  if (!postT) {
    reasons.push(`工作地点在县外${post.placeText ? `（${post.placeText}）` : ''}`);
    return 3;
  }
  if (!seekerT) return 5;
  const { points, metres } = distancePoints(seekerT.code, postT.code);
  if (metres === 0) reasons.push(`同在${postT.name}`);
  else if (metres !== null)
    reasons.push(`距离约${Math.max(1, Math.round(metres / 1000))}公里（${postT.name}）`);
  return points;
}

function wagePart(seeker: SeekerForMatch, post: PostForMatch, reasons: string[]): number {
  const expected = seeker.wageExpectationFen;
  const ceiling = post.wageMaxFen ?? post.wageMinFen;
  if (expected === null || expected <= 0) return 10;
  if (ceiling === null) return 8; // 面议: unknown, not bad.
  if (ceiling >= expected) {
    reasons.push('薪资符合期望');
    return MATCH_WEIGHTS.wage;
  }
  const ratio = ceiling / expected;
  if (ratio >= 0.9) {
    reasons.push('薪资略低于期望');
    return 10;
  }
  if (ratio >= 0.8) return 5;
  return 0;
}

function educationPart(seeker: SeekerForMatch, post: PostForMatch, reasons: string[]): number {
  if (!post.education || post.education === 'none') return MATCH_WEIGHTS.education;
  if (!seeker.education) return 5;
  const gap = EDUCATION_RANK[post.education] - EDUCATION_RANK[seeker.education];
  if (gap <= 0) {
    reasons.push(`学历符合要求（${EDUCATION_NAMES[post.education]}）`);
    return MATCH_WEIGHTS.education;
  }
  return gap === 1 ? 4 : 0;
}

/**
 * Scores how well a seeker and a post fit, the same way for seeker → posts and post → seekers.
 * Parts: occupation 35, skills 25, distance 15, wage 15, education 10. An age outside the post's
 * range halves the total (the post may still be shown: age limits in posts are often soft, and
 * staff decide). Deterministic: no clock, no randomness.
 */
export function scoreMatch(
  seeker: SeekerForMatch,
  post: PostForMatch,
  options: MatchOptions = {},
): MatchResult {
  const reasons: string[] = [];
  const parts: MatchParts = {
    occupation: occupationPart(seeker, post, reasons),
    skills: skillsPart(seeker, post, reasons),
    distance: distancePart(seeker, post, reasons),
    wage: wagePart(seeker, post, reasons),
    education: educationPart(seeker, post, reasons),
  };
  let total = parts.occupation + parts.skills + parts.distance + parts.wage + parts.education;
  const age = seeker.age;
  if (age !== null && age !== undefined) {
    const tooYoung = post.ageMin !== null && age < post.ageMin;
    const tooOld = post.ageMax !== null && age > post.ageMax;
    if (tooYoung || tooOld) {
      total /= 2;
      reasons.push(`年龄不在要求范围（${post.ageMin ?? ''}-${post.ageMax ?? ''}岁）`);
    }
  }
  if (post.isInternship && seeker.groups.includes('graduate')) reasons.push('见习岗位，适合高校毕业生');
  if (seeker.availability === 'immediately') reasons.push('可立即到岗');
  if (options.subsidyReason) reasons.push(options.subsidyReason);
  return { score: Math.max(0, Math.min(100, Math.round(total))), reasons, parts };
}

/**
 * Where an API process spends its CPU under load, per layer of the request pipeline, from a V8
 * `.cpuprofile` (node --cpu-prof). Each sample is charged to the nearest frame, from the leaf up,
 * whose script belongs to a known layer (pino's frames to logging, jws's to the JWT check…), so a
 * library's own helpers count for the layer that called them. Only the busy stretch is counted:
 * the longest run of 1-second buckets in which the process was idle less than half the time (the
 * load, without start-up or the gaps between runs): the first stretch of at least `minSeconds`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const LAYERS: [string, RegExp][] = [
  ['request logging (pino-http, redaction, JSON lines)', /pino|sonic-boom|@pinojs/],
  ['JWT check (jws, jwa, HMAC)', /jws|jwa|jsonwebtoken|@nestjs\/jwt/],
  ['guards (throttler, access, principal cache)', /throttl|access\.guard|principal-|libs\/identity/],
  ['validation pipe', /class-validator|class-transformer|validation/],
  [
    'Nest pipeline (router proxy, context, RxJS, metadata)',
    /@nestjs\/core|@nestjs\/common|rxjs|reflect-metadata|platform-fastify/,
  ],
  ['Fastify (routing, middie, hooks, reply)', /fastify|find-my-way|middie|avvio/],
  [
    'node:http and sockets (parse, write)',
    /_http_|node:net|stream_base|node:stream|internal\/streams|readable|writable/,
  ],
];

export function layerShares(profile: CpuProfile, minSeconds = 3): { layer: string; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layerOf = new Map<number, string>();
  const layer = (id: number): string => {
    const known = layerOf.get(id);
    if (known) return known;
    let result = 'other';
    for (let j: number | undefined = id; j !== undefined; j = parent.get(j)) {
      const url = byId.get(j)?.callFrame.url ?? '';
      const hit = LAYERS.find(([, rx]) => rx.test(url));
      if (hit) {
        result = hit[0];
        break;
      }
    }
    layerOf.set(id, result);
    return result;
  };
  // Busy window: 1 s buckets, idle share < 50 %.
  const buckets: { idle: number; all: number }[] = [];
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const b = Math.floor(t / 1e6);
    buckets[b] ??= { idle: 0, all: 0 };
    buckets[b].all += profile.timeDeltas[i];
    if (byId.get(id)?.callFrame.functionName === '(idle)') buckets[b].idle += profile.timeDeltas[i];
  });
  let best = [-1, -1];
  for (let start = 0; start < buckets.length && best[0] < 0;) {
    const busy = (k: number) => buckets[k] && buckets[k].idle < buckets[k].all / 2;
    if (!busy(start)) {
      start++;
      continue;
    }
    let end = start;
    while (busy(end + 1)) end++;
    if (end - start + 1 >= minSeconds) best = [start, end];
    start = end + 1;
  }
  const totals = new Map<string, number>();
  let sum = 0;
  t = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i];
    const b = Math.floor(t / 1e6);
    if (b < best[0] || b > best[1]) return;
    const fn = byId.get(id)?.callFrame.functionName;
    const name = fn === '(idle)' ? 'idle' : fn === '(garbage collector)' ? 'garbage collection' : layer(id);
    totals.set(name, (totals.get(name) ?? 0) + profile.timeDeltas[i]);
    sum += profile.timeDeltas[i];
  });
  return [...totals.entries()]
    .map(([l, v]) => ({ layer: l, share: v / Math.max(1, sum) }))
    .sort((a, b) => b.share - a.share);
}

export function layerSharesOfFile(file: string, minSeconds = 3): { layer: string; share: number }[] {
  return layerShares(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, minSeconds);
}

import { describe, expect, it } from 'vitest';
import { mailProviderDomains } from '@/lib/checks/data/mail-domains';
import { nearKeys } from '@/lib/checks/keyboard';
import { TypoMeter } from '@/lib/checks/typo-meter';

/**
 * The contract of TypoMeter.cost, checked against a plain full table of the same weighted distance (no band, no
 * early stop, no kept rows): cost(x, limit) is the distance when that is within the limit and more than the limit
 * otherwise, whatever the meter measured before, and a cost within one limit is the same under any limit above it.
 */

const digit = (c: string) => c >= '0' && c <= '9';
const isSeparator = (c: string | undefined) => c !== undefined && '.,-_'.includes(c);
const near = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && nearKeys(a, b);

function substitution(typed: string, intended: string): number {
  if (typed === intended) return 0;
  return near(typed, intended) && !(digit(typed) && digit(intended)) ? 1 : 2;
}

/** Typed character i one too many: a slip when doubled, a separator or beside a neighbouring key. */
function insertion(typed: string, i: number): number {
  const [c, before, after] = [typed[i], typed[i - 1], typed[i + 1]];
  return isSeparator(c) || c === before || c === after || near(c, before) || near(c, after) ? 1 : 2;
}

/** Optimal string alignment with keyboard.ts's costs, the whole table. */
function referenceCost(typed: string, intended: string): number {
  const n = typed.length;
  const m = intended.length;
  const cell: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  const at = (d: number, i: number) => cell[d]?.[i] ?? Infinity;
  for (let i = 1; i <= n; i++) cell[0]![i] = at(0, i - 1) + insertion(typed, i - 1);
  for (let d = 1; d <= m; d++) {
    cell[d]![0] = d;
    for (let i = 1; i <= n; i++) {
      const [a, b] = [typed[i - 1]!, intended[d - 1]!];
      let best = Math.min(at(d - 1, i - 1) + substitution(a, b), at(d, i - 1) + insertion(typed, i - 1), at(d - 1, i) + 1);
      if (d > 1 && i > 1 && a !== b && a === intended[d - 2] && typed[i - 2] === b) best = Math.min(best, at(d - 2, i - 2) + 1);
      cell[d]![i] = best;
    }
  }
  return at(m, n);
}

/** Seeded (mulberry32), so every run checks the same cases. */
function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (k: number) => Math.floor(next() * k);
  const pick = <T,>(items: readonly T[]): T => items[below(items.length)]!;
  return { next, below, pick };
}

type Random = ReturnType<typeof randomSource>;
const alphabet = [...'abcdefghijklmnopqrstuvwxyz0123456789.-_,', 'é', 'ü', 'ж', '\u{1f600}', 'A', ' '];

function randomText(r: Random, length: number): string {
  let text = '';
  while (text.length < length) text += r.next() < 0.7 ? r.pick([...'aeilmnorst.']) : r.pick(alphabet);
  return text;
}

/** One to three slips or strays: swaps, doubled, skipped, neighbouring or any keys. */
function mutated(r: Random, text: string): string {
  let out = text;
  for (let k = 1 + r.below(3); k > 0; k--) {
    const i = r.below(out.length + 1);
    const kind = r.below(5);
    if (kind === 0 && i + 1 < out.length) out = out.slice(0, i) + out[i + 1] + out[i] + out.slice(i + 2);
    else if (kind === 1) out = out.slice(0, i) + (out[i] ?? r.pick(alphabet)) + out.slice(i);
    else if (kind === 2) out = out.slice(0, i) + out.slice(i + 1);
    else out = out.slice(0, i) + r.pick(alphabet) + out.slice(i + 1);
  }
  return out;
}

function swappedEverywhere(text: string): string[] {
  return [...Array(Math.max(0, text.length - 1)).keys()].map((i) => text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2));
}

const bases = ['ab', 'yahoo.com.ua', 'gmail.com', 'yahoo.nl', 'héllo.de', 'ж\u{1f600}.ua', 'outlook.co.uk', 'a.b', 'qwertyuiop.example'];
const limits = [0, 1, 2, 3, 4, 7];

/** Candidates for one typed string: swaps at every position, mutations, relatives sharing prefixes, strangers. */
function candidatesFor(r: Random, typed: string): string[] {
  const family = [typed, ...swappedEverywhere(typed), ...Array.from({ length: 12 }, () => mutated(r, typed))];
  const strangers = ['', 'x', randomText(r, r.below(12)), randomText(r, typed.length + 5 + r.below(30))];
  return [...family, ...family.map((c) => mutated(r, c)), ...strangers];
}

function typedStrings(r: Random): string[] {
  const long = randomText(r, 70 + r.below(60));
  const random = Array.from({ length: 40 }, () => randomText(r, r.below(16)));
  return ['', ...bases, ...bases.map((b) => mutated(r, b)), long, mutated(r, long), ...random];
}

/** Where cost(x, limit) breaks the contract for the true distance, or null. */
function breach(typed: string, candidate: string, limit: number, cost: number, distance: number): string | null {
  const fine = distance <= limit ? cost === distance : cost > limit;
  return fine ? null : `${JSON.stringify(typed)} for ${JSON.stringify(candidate)} at ${limit}: ${cost}, distance ${distance}`;
}

describe('TypoMeter.cost against the full table', () => {
  const r = randomSource(20261127);
  const cases = typedStrings(r).map((typed) => ({ typed, candidates: candidatesFor(r, typed) }));
  const distances = new Map<string, number>();
  const distance = (typed: string, candidate: string) => {
    const key = JSON.stringify([typed, candidate]);
    let known = distances.get(key);
    if (known === undefined) distances.set(key, (known = referenceCost(typed, candidate)));
    return known;
  };

  it('is the distance within the limit and more than the limit beyond it, on a fresh meter', () => {
    const breaches: string[] = [];
    for (const { typed, candidates } of cases) {
      for (const candidate of candidates) {
        for (const limit of limits) {
          const cost = new TypoMeter(typed).cost(candidate, limit);
          breaches.push(breach(typed, candidate, limit, cost, distance(typed, candidate)) ?? '');
        }
      }
    }
    expect(breaches.filter(Boolean)).toEqual([]);
  });

  it('costs every swap of two neighbouring characters one slip, the first two as well', () => {
    for (const typed of [...bases, 'ba', 'éa', '\u{1f600}a']) {
      for (const swapped of swappedEverywhere(typed)) {
        const expected = swapped === typed ? 0 : 1;
        expect([typed, swapped, distance(typed, swapped)]).toEqual([typed, swapped, expected]);
        expect([typed, swapped, new TypoMeter(typed).cost(swapped, 1)]).toEqual([typed, swapped, expected]);
      }
    }
  });

  it('does not depend on what the meter measured before, in any order and under any limits', () => {
    const shared = new TypoMeter('');
    const providers = [...mailProviderDomains].sort();
    const breaches: string[] = [];
    for (const { typed, candidates } of cases) {
      shared.reset(typed);
      for (const order of [[...candidates].sort(), candidates, providers]) {
        const shuffled = [...order].sort(() => r.next() - 0.5);
        for (const candidate of [...order, ...shuffled]) {
          const limit = r.pick(limits);
          const cost = shared.cost(candidate, limit);
          const fresh = new TypoMeter(typed).cost(candidate, limit);
          if (cost !== fresh) breaches.push(`${JSON.stringify(typed)} for ${JSON.stringify(candidate)} at ${limit}: ${cost}, fresh ${fresh}`);
          breaches.push(breach(typed, candidate, limit, cost, distance(typed, candidate)) ?? '');
        }
      }
    }
    expect(breaches.filter(Boolean)).toEqual([]);
  });

  it('answers a cost within the limit the same under every larger limit, fresh or reused', () => {
    const shared = new TypoMeter('');
    const breaches: string[] = [];
    for (const { typed, candidates } of cases) {
      shared.reset(typed);
      for (const candidate of candidates) {
        for (const limit of limits) {
          const cost = new TypoMeter(typed).cost(candidate, limit);
          if (cost > limit) continue;
          for (let wider = cost; wider <= 8; wider++) {
            const answers = [new TypoMeter(typed).cost(candidate, wider), shared.cost(candidate, wider)];
            if (answers.some((a) => a !== cost)) breaches.push(`${JSON.stringify(typed)} for ${JSON.stringify(candidate)}: ${cost} at ${limit}, ${answers.join('/')} at ${wider}`);
          }
        }
      }
    }
    expect(breaches).toEqual([]);
  });
});

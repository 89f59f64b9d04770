import { canonicalDomain } from './address';
import { mailProviderDomains, realNeighbourDomains, singleDomainBrands } from './data/mail-domains';
import { topLevelDomains } from './data/tlds';
import { characterMask, slipCost } from './keyboard';
import { TypoMeter } from './typo-meter';

/** Domains a typed domain is measured against, and how they may be used; the typo check's reference data. */

export const knownTlds: ReadonlySet<string> = new Set(topLevelDomains);

/** Public suffixes of two labels common in mail domains, so `yahoo.co.uk` is measured by `yahoo`. */
const secondLevels = 'co com net org ac gov edu ne or go'.split(' ');
const countries = 'uk br au jp in nz za mx ar il kr tr tw hk sg my ph vn id th cn gr pe co ua'.split(' ');
const twoLabelSuffixes = new Set(secondLevels.flatMap((second) => countries.map((cc) => `${second}.${cc}`)));

/**
 * The registrable name of a domain: `yahoo` in `yahoo.co.uk`, `acme` in `mail.acme.com`; the domain itself when it
 * has one label. Found from the last dots rather than by `split`: the typo check asks for it per suggestion, and
 * V8 splits a string it has not split since the last garbage collection on a slow path (several µs, more than the
 * rest of a suggestion, in bench/typos-profile.ts).
 */
export function registrableName(domain: string): string {
  const last = domain.lastIndexOf('.');
  if (last === -1) return domain;
  const second = dotBefore(domain, last);
  if (second === -1) return domain.slice(0, last);
  if (!twoLabelSuffixes.has(domain.slice(second + 1))) return domain.slice(second + 1, last);
  return domain.slice(dotBefore(domain, second) + 1, second);
}

/** The index of the last dot before `index`, or -1. */
function dotBefore(domain: string, index: number): number {
  return index === 0 ? -1 : domain.lastIndexOf('.', index - 1);
}

/** The most slips any candidate allows; a typed domain further than this from everything is left alone. */
export const widestLimit = 2 * slipCost;

export interface Candidate {
  domain: string;
  /** Slips a near miss may have: names of up to 4 letters are one slip from too many other real names to allow 2. */
  limit: number;
  /** False for real neighbours: they can block a suggestion but are never suggested. */
  suggestable: boolean;
  /** characterMask(domain), so most candidates are ruled out without measuring. */
  mask: number;
  /** The digits of a name that mixes letters and digits (`client30`, `o2`), else null; see numberedLike. */
  number: string | null;
}

function candidate(domain: string, suggestable: boolean): Candidate {
  const limit = registrableName(domain).length <= 4 ? slipCost : widestLimit;
  return { domain, limit, suggestable, mask: characterMask(domain), number: numberOf(domain) };
}

const nonDigits = /\D+/g;
const lettersAndDigits = /^(?=.*[a-z])(?=.*\d)/;

function numberOf(domain: string): string | null {
  return lettersAndDigits.test(registrableName(domain)) ? domain.replace(nonDigits, '') : null;
}

/**
 * In a name that mixes letters and digits the digits are an identifier: `client30.com` is not a slip of
 * `client3.com` or `client03.com`, whatever the keyboard says. All-digit names (`163.com`) are judged by keys.
 */
function numberedLike(typedNumber: string, c: Candidate): boolean {
  return c.number === null || typedNumber === c.number;
}

/** `text.replace(nonDigits, '')` without a regular expression: runs for every address typed. */
function digitsOf(text: string): string {
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
  }
  return digits;
}

/** The candidates at the same distance, all closest; empty when none is within widestLimit. */
export interface Nearest {
  cost: number;
  winners: Candidate[];
}

/**
 * Candidates bucketed by length, so a domain is measured only against those within widestLimit of its length, and
 * in alphabetical order within a bucket, so a family (`hotmail.de`, `hotmail.es`, …) shares the rows of its common
 * prefix (typo-meter.ts). Most candidates are ruled out by characterMask before any row is filled.
 */
export class DomainIndex {
  private readonly byLength: Candidate[][] = [];
  readonly domains = new Set<string>();

  constructor(candidates: Iterable<Candidate>) {
    for (const c of candidates) {
      if (this.domains.has(c.domain)) continue;
      this.domains.add(c.domain);
      (this.byLength[c.domain.length] ??= []).push(c);
    }
    for (const bucket of this.byLength) bucket?.sort((a, b) => (a.domain < b.domain ? -1 : 1));
  }

  static of(domains: Iterable<string>, suggestable: boolean): DomainIndex {
    const candidates: Candidate[] = [];
    for (const domain of domains) {
      candidates.push(candidate(canonicalDomain(domain) ?? domain.toLowerCase(), suggestable));
    }
    return new DomainIndex(candidates);
  }

  /**
   * Adds this index's closest candidates to `nearest` (ties accumulate; a closer one replaces them). Runs for every
   * address typed, against a few hundred candidates: most fail `outOfReach` (the test `cost` starts with, so the
   * meter sees the same calls either way) in this loop, without a call into the meter.
   */
  collectNearest(meter: TypoMeter, nearest: Nearest): void {
    const length = meter.typed.length;
    const typedNumber = digitsOf(meter.typed);
    for (let l = Math.max(0, length - widestLimit); l <= length + widestLimit; l++) {
      const bucket = this.byLength[l];
      if (bucket === undefined) continue;
      for (const c of bucket) {
        if (!numberedLike(typedNumber, c)) continue;
        if (meter.outOfReach(l, c.mask, nearest.cost)) continue;
        const cost = meter.cost(c.domain, nearest.cost, c.mask);
        if (cost > nearest.cost) continue;
        if (cost < nearest.cost) {
          nearest.cost = cost;
          nearest.winners = [];
        }
        if (!includesDomain(nearest.winners, c.domain)) nearest.winners.push(c);
      }
    }
  }
}

function includesDomain(candidates: readonly Candidate[], domain: string): boolean {
  for (const c of candidates) if (c.domain === domain) return true;
  return false;
}

/** The reference data a typo engine is built from; see data/mail-domains.ts for what each list means. */
export interface ReferenceDomains {
  providers: readonly string[];
  neighbours: readonly string[];
  singleDomainBrands: readonly string[];
}

export const builtinReferenceDomains: ReferenceDomains = {
  providers: mailProviderDomains,
  neighbours: realNeighbourDomains,
  singleDomainBrands,
};

/** ReferenceDomains indexed for lookups. */
export class Reference {
  readonly index: DomainIndex;
  /**
   * Single-domain providers by registrable name: `gmail` → `gmail.com`. Only distinctive names, four letters or
   * more: `qq.de` or `163.net` are other people's domains, not a wrong ending on `qq.com` or `163.com`.
   */
  readonly brandByName: ReadonlyMap<string, string>;

  constructor(domains: ReferenceDomains) {
    this.index = new DomainIndex([
      ...domains.providers.map((domain) => candidate(domain, true)),
      ...domains.neighbours.map((domain) => candidate(domain, false)),
    ]);
    const distinctive = domains.singleDomainBrands.filter((d) => /^[a-z]{4,}$/.test(registrableName(d)));
    this.brandByName = new Map(distinctive.map((d) => [registrableName(d), d]));
  }
}

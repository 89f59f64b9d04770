import { canonicalDomain } from './address';
import { characterMask, slipCost } from './keyboard';
import { TypoMeter } from './typo-meter';
import {
  DomainIndex,
  Reference,
  builtinReferenceDomains,
  knownTlds,
  registrableName,
  widestLimit,
  type Nearest,
  type ReferenceDomains,
} from './known-domains';
import { draftAddresses, replacementFor } from './recipients';
import type { CheckContext, Draft, Finding } from './types';

/**
 * Likely typos in the domain of an address (`jan@gmial.com` → `gmail.com`), with a one-click fix. Conservative by
 * design: a wrong suggestion costs more trust than a missed one, so
 * - a domain that is itself a known real domain, or one the user sends to or trusts (or a subdomain of those), is
 *   never questioned;
 * - only keyboard slips count (keyboard.ts), and short names allow fewer of them (known-domains.ts): names of up to
 *   three letters only a key missing, extra or swapped, one-character names none, and a real two-letter country
 *   ending one slip at most;
 * - a suggestion is made only when exactly one candidate is closest; a tie, or a real domain at least as close,
 *   gives none.
 * These rules, not lists of legitimate domains, keep real domains unflagged: data/mail-domains.ts lists real
 * neighbours only where the rules cannot tell (bench/typos.bench.ts measures the rules with domains left unlisted).
 * The name rules run in order and the first with an opinion decides; new rules slot into `nameRules`.
 */

/** What suggestDomain needs of the context (the CLI passes empty collections). */
export type TypoContext = Pick<CheckContext, 'frequentDomains' | 'trustedDomains'>;

/** A rule's verdict: a domain to suggest, null for "leave it alone" (stop), undefined for "no opinion". */
type Verdict = string | null | undefined;
/** `user` holds the user's frequent and trusted domains, indexed once per check run rather than once per address. */
type Rule = (typed: string, user: DomainIndex, ref: Reference) => Verdict;

/**
 * Sends to a domain before it counts as one the user mails: a single "Send anyway" to `gmial.com` must not
 * silence the warning for good.
 */
export const MIN_SENDS_TO_TRUST = 2;

/**
 * Indexes of the user's domains by the collections they came from. A CheckContext is built once per change of
 * facts or settings, not per keystroke (types.ts), so its collections are reused across many runs; a new
 * collection object gets a new index.
 */
const userIndexes = new WeakMap<TypoContext['frequentDomains'], WeakMap<TypoContext['trustedDomains'], DomainIndex>>();

function userDomains(ctx: TypoContext): DomainIndex {
  let byTrusted = userIndexes.get(ctx.frequentDomains);
  if (!byTrusted) userIndexes.set(ctx.frequentDomains, (byTrusted = new WeakMap()));
  let index = byTrusted.get(ctx.trustedDomains);
  if (!index) {
    const mailed = [...ctx.frequentDomains].filter(([, sends]) => sends >= MIN_SENDS_TO_TRUST).map(([domain]) => domain);
    index = DomainIndex.of([...mailed, ...ctx.trustedDomains], true);
    byTrusted.set(ctx.trustedDomains, index);
  }
  return index;
}

function isUnder(typed: string, domains: ReadonlySet<string>): boolean {
  if (domains.has(typed)) return true;
  for (let dot = typed.indexOf('.'); dot !== -1; dot = typed.indexOf('.', dot + 1)) {
    if (domains.has(typed.slice(dot + 1))) return true;
  }
  return false;
}

const protectedDomain: Rule = (typed, user, ref) =>
  ref.index.domains.has(typed) || isUnder(typed, user.domains) ? null : undefined;

const lastLabel = (domain: string) => domain.slice(domain.lastIndexOf('.') + 1);

/**
 * Meters reused from address to address (`reset` aims one at a new typed string): a fresh one allocates its
 * tables, which costs as much as measuring a short domain and leaves garbage behind. One for whole names, one for
 * endings (endingTypo, plausibleEnding); each is reset right before use and done with before the next use, as
 * suggest runs start to finish without giving way.
 */
const nameMeter = new TypoMeter('');
const endingMeter = new TypoMeter('');
const oneCharacterName = /^[a-z0-9]\.[a-z]+$/;

/**
 * The closest known domain (providers, real neighbours, the user's own and frequent ones), if alone and close.
 * A one-character name with a real ending is left to the other rules: every one is a registered, sought-after
 * domain (`x.com`, `q.com`, `t.co`), so `q.com` is no evidence of a slip in `qq.com`.
 */
const nearestKnownDomain: Rule = (typed, user, ref) => {
  if (oneCharacterName.test(typed) && knownTlds.has(lastLabel(typed))) return undefined;
  const meter = nameMeter.reset(typed);
  const nearest: Nearest = { cost: widestLimit, winners: [] };
  ref.index.collectNearest(meter, nearest);
  user.collectNearest(meter, nearest);
  const { cost, winners } = nearest;
  if (!winners.some((w) => cost <= w.limit)) return undefined; // nothing near enough: other rules may still apply
  const [only] = winners;
  if (winners.length > 1 || only === undefined) return null; // a tie, or a real domain as close: ambiguous
  if (!only.suggestable) return undefined; // closest to a real non-mail domain: later rules may still fix the ending
  if (!plausibleEnding(typed, only.domain)) return undefined;
  return plausibleForShortName(typed, only.domain) ? only.domain : null;
};

/**
 * A real country ending typed where the candidate has another one was reached by one slip of one key at most:
 * `hotmail.ml` is a slip of `hotmail.nl`, but `hotmail.ru` is none of `hotmail.fi`, nor `outlook.co.uk` of
 * `outlook.co.il`, nor `yahoo.com.au` of `yahoo.com.ua` (a swap is one slip, but of both keys): with both keys of a
 * two-letter ending wrong, another country on purpose is the likelier story.
 */
function plausibleEnding(typed: string, intended: string): boolean {
  const got = lastLabel(typed);
  const want = lastLabel(intended);
  if (got === want || got.length !== 2 || !knownTlds.has(got)) return true;
  const swapped = want.length === 2 && got[0] === want[1] && got[1] === want[0];
  return !swapped && endingMeter.reset(got).cost(want, slipCost) <= slipCost;
}

/**
 * Every name of up to three letters is a registered domain (`mr.com`, `gmc.com`, `man.com`), so a short provider
 * (`me.com`, `gmx.de`, `msn.com`) is only suggested when its name was typed with a key missing, extra or swapped
 * (`gxm.com`, `we.de`), not with one key replaced by another.
 */
function plausibleForShortName(typed: string, intended: string): boolean {
  const want = registrableName(intended);
  if (want.length > 3) return true;
  const end = firstSeparator(typed);
  const got = end === -1 ? typed : typed.slice(0, end); // the first label, a comma taken for a dot
  if (got === want || (end === -1 && got.startsWith(want))) return true;
  const [shorter, longer] = got.length < want.length ? [got, want] : [want, got];
  if (longer.length - shorter.length === 1) {
    return [...longer].some((_, i) => longer.slice(0, i) + longer.slice(i + 1) === shorter);
  }
  const i = [...want].findIndex((c, at) => got[at] !== c);
  return got.length === want.length && got[i] === want[i + 1] && got[i + 1] === want[i] && got.slice(i + 2) === want.slice(i + 2);
}

/** Where the first `.` or `,` is in `text`, or -1 (as `split(/[.,]/)` finds it, without the slow path of split). */
function firstSeparator(text: string): number {
  const dot = text.indexOf('.');
  const comma = text.indexOf(',');
  return dot === -1 || comma === -1 ? Math.max(dot, comma) : Math.min(dot, comma);
}

/** The right name with a wrong ending, for providers that have one domain only: `gmail.co.uk` → `gmail.com`. */
const brandWithWrongEnding: Rule = (typed, _user, ref) => {
  const dot = typed.indexOf('.');
  return dot === -1 ? undefined : ref.brandByName.get(typed.slice(0, dot));
};

/**
 * Endings a wrong TLD is compared against, with the countries of the two-label ones (`acme.ac.ukk`); real TLDs that
 * are also common slips (.co, .cm, .om) are not fixed.
 */
const commonEndings = [
  ...['com', 'net', 'org', 'edu', 'gov', 'info', 'biz', 'eu', 'us', 'ca', 'co.uk', 'com.au', 'com.br', 'co.jp', 'co.in'],
  ...['de', 'fr', 'it', 'es', 'nl', 'be', 'ch', 'at', 'ru', 'pl', 'se', 'uk', 'au', 'br', 'jp', 'in'],
];
const commonEndingMasks = commonEndings.map(characterMask);

/** An ending that is no TLD at all (`acme.cpm`, `acme.couk`), a doubled ending (`acme.de.de`) or a missing dot. */
function endingTypo(typed: string): string | undefined {
  const dot = typed.lastIndexOf('.');
  if (dot === -1) return missingDot(typed);
  const head = typed.slice(0, dot);
  const tld = typed.slice(dot + 1);
  if (head === '' || head.includes('..')) return undefined;
  if (knownTlds.has(tld)) return head.endsWith(`.${tld}`) ? head : undefined;
  const meter = endingMeter.reset(tld);
  let best: number = widestLimit;
  let winners: string[] = [];
  for (let i = 0; i < commonEndings.length; i++) {
    const ending = commonEndings[i] ?? '';
    const cost = meter.cost(ending, best, commonEndingMasks[i]);
    if (cost < best) [best, winners] = [cost, [ending]];
    else if (cost === best) winners.push(ending);
  }
  return winners.length === 1 ? `${head}.${winners[0]}` : undefined;
}

/** `163com`, `outlookde`: a domain with no dot whose end is a common ending. */
function missingDot(typed: string): string | undefined {
  const commaFixed = typed.replace(/,/g, '.');
  if (commaFixed !== typed) return commaFixed;
  const ending = commonEndings.find((e) => !e.includes('.') && typed.endsWith(e) && typed.length > e.length + 1);
  return ending ? `${typed.slice(0, -ending.length)}.${ending}` : undefined;
}

/** Rules that judge the whole domain against known ones, in order; the first with an opinion decides. */
const nameRules: readonly Rule[] = [protectedDomain, nearestKnownDomain, brandWithWrongEnding];

function judgeName(typed: string, user: DomainIndex, ref: Reference): Verdict {
  for (const rule of nameRules) {
    const verdict = rule(typed, user, ref);
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

const builtinReference = new Reference(builtinReferenceDomains);

function suggest(domain: string, user: DomainIndex, ref: Reference): string | null {
  const typed = canonicalDomain(domain) ?? domain.trim().toLowerCase();
  if (typed === '' || typed.startsWith('[')) return null;
  const named = judgeName(typed, user, ref);
  if (named !== undefined) return named === typed ? null : named;
  const ending = endingTypo(typed);
  if (ending === undefined || ending === typed) return null;
  const refined = judgeName(ending, user, ref);
  return typeof refined === 'string' ? refined : ending;
}

/**
 * The domain `domain` was probably meant to be, or null. Case and IDN form of the input do not matter.
 * An impossible ending is fixed first when nothing known is near (`aopl.cdom` → `aopl.com`), then the fixed domain
 * is judged again, so two slips, one in the name and one in the ending, still find `aol.com`.
 */
export function suggestDomain(domain: string, ctx: TypoContext): string | null {
  return suggest(domain, userDomains(ctx), builtinReference);
}

/** suggestDomain on other reference data: bench/typos.bench.ts measures how the rules do on domains left unlisted. */
export function typoEngine(domains: ReferenceDomains): (domain: string, ctx: TypoContext) => string | null {
  const ref = new Reference(domains);
  return (domain, ctx) => suggest(domain, userDomains(ctx), ref);
}

export function checkTypos(draft: Draft, ctx: CheckContext): Finding[] {
  const user = userDomains(ctx);
  const suggestions = new Map<string, string | null>(); // recipients share domains: judge each once
  const findings: Finding[] = [];
  for (const address of draftAddresses(draft)) {
    if (address.local === '' || address.domain === '') continue;
    let suggestion = suggestions.get(address.domain);
    if (suggestion === undefined) suggestions.set(address.domain, (suggestion = suggest(address.domain, user, builtinReference)));
    if (suggestion === null) continue;
    const suggested = `${address.local}@${suggestion}`;
    findings.push({
      id: `typo:${(address.key ?? address.address).toLowerCase()}`,
      kind: 'typo',
      severity: 'warn',
      subject: address.address,
      message: `${address.address} looks like a typo: did you mean ${suggested}?`,
      fix: {
        label: `Use ${suggested}`,
        action: {
          type: 'replace-recipient',
          field: address.recipient.field,
          from: address.recipient.raw,
          to: replacementFor(address, suggested),
        },
      },
    });
  }
  return findings;
}

import { normalizeParsed, parseRecipients, type ParsedAddress } from './address';
import type { Draft, DraftRecipient } from './types';

/** One address of the draft with where it came from; a chip or the typing box may hold several. */
export interface DraftAddress extends ParsedAddress {
  recipient: DraftRecipient;
  /** normalizeAddress of this address, or null when it is not one address. */
  key: string | null;
}

interface ParsedList {
  list: readonly DraftRecipient[];
  snapshot: DraftRecipient[];
  raws: string[];
  addresses: readonly DraftAddress[];
}

/**
 * The last recipient list parsed: every check of one runChecks call asks for the same list, so it is parsed once.
 * It is reused only while the list holds the same recipient objects with the same text, so a list changed in place
 * is parsed again. One entry, not a WeakMap by list: a new list per keystroke would make a WeakMap churn through
 * ephemerons, and its garbage collection showed up as 10 ms spikes in bench/checks.bench.ts.
 */
let lastParsed: ParsedList | null = null;

function stillCurrent(list: readonly DraftRecipient[], cached: ParsedList | null): cached is ParsedList {
  if (cached === null || cached.list !== list) return false;
  const { snapshot, raws } = cached;
  return snapshot.length === list.length && list.every((r, i) => r === snapshot[i] && r.raw === raws[i]);
}

/** Every address in the draft, chips and pending text alike, in field order as the adapter listed them. */
export function draftAddresses(draft: Draft): readonly DraftAddress[] {
  const list = draft.recipients;
  if (stillCurrent(list, lastParsed)) return lastParsed.addresses;
  const addresses: DraftAddress[] = [];
  for (const recipient of list) {
    for (const parsed of parseRecipients(recipient.raw)) {
      const address = parsed as DraftAddress;
      address.recipient = recipient;
      address.key = normalizeParsed(parsed);
      addresses.push(address);
    }
  }
  lastParsed = { list, snapshot: [...list], raws: list.map((r) => r.raw), addresses };
  return addresses;
}

/** The text to put in place of `recipient.raw` so that only `address` changes (the box may hold several). */
export function replacementFor(address: DraftAddress, replacement: string): string {
  const raw = address.recipient.raw;
  if (raw.trim() === address.text) return replacement;
  return raw.slice(0, address.start) + replacement + raw.slice(address.end);
}

import type { Suppression } from '@/lib/api/suppression';
import { defaultShorteners } from '@/lib/checks/shortlinks';
import type { CheckContext, Draft, DraftRecipient } from '@/lib/checks/types';

export const now = Date.UTC(2025, 5, 10, 12);
export const day = 86_400_000;

type RecipientInput = string | (Partial<DraftRecipient> & { raw: string });

/** A draft with the given recipients (strings are chips in To), body text and link hrefs. */
export function draft(recipients: RecipientInput[] = [], bodyText = '', links: string[] = []): Draft {
  return {
    composeId: 'compose-1',
    subject: 'Invoice',
    bodyText,
    links,
    recipients: recipients.map((r) =>
      typeof r === 'string' ? { field: 'to', raw: r, source: 'chip' } : { field: 'to', source: 'chip', ...r },
    ),
  };
}

/** A context with every check enabled, the shipped shortener list and nothing learned yet. */
export function context(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    facts: new Map(),
    frequentDomains: new Map(),
    trustedDomains: new Set(),
    shorteners: defaultShorteners,
    enabled: { bounced: true, malformed: true, typo: true, shortlink: true },
    now,
    ...overrides,
  };
}

/** A suppression row, hard bounce three days ago by default. */
export function fact(address: string, overrides: Partial<Suppression> = {}): Suppression {
  return {
    address,
    class: 'hard',
    reason: 'userunknown',
    status: '5.1.1',
    diagnostic: '550 5.1.1 user unknown',
    source: 'ses',
    bounceCount: 1,
    firstBounceAt: now - 3 * day,
    lastBounceAt: now - 3 * day,
    suppressed: true,
    own: true,
    seq: 1,
    ...overrides,
  };
}

export function facts(...rows: Suppression[]): Map<string, Suppression> {
  return new Map(rows.map((row) => [row.address, row]));
}

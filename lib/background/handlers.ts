import { frequentDomains, lookupAddresses, recordSentDomains } from '../db';
import type { Handlers } from '../messaging';
import { recordDiagnostic } from '../settings';

/** Enough for the typo check's "did you mean" candidates; a long tail of one-off domains adds nothing. */
export const FREQUENT_DOMAIN_LIMIT = 500;

export interface HandlerDeps {
  now: () => number;
  /** One pull from the server; resolves to null on success, else the error in words. */
  syncNow: () => Promise<string | null>;
}

/** The background's answers to the message protocol (lib/messaging.ts); input is validated before these run. */
export function createHandlers({ now, syncNow }: HandlerDeps): Handlers {
  return {
    lookup: async ({ addresses }) => ({ facts: await lookupAddresses(addresses) }),
    frequentDomains: async () => ({
      domains: (await frequentDomains(FREQUENT_DOMAIN_LIMIT)).map(({ domain, count }) => [domain, count]),
    }),
    recordSent: async ({ domains }) => {
      await recordSentDomains(domains, now());
      return { ok: true };
    },
    diagnostic: async ({ event, detail }) => {
      await recordDiagnostic(event, now(), detail);
      return { ok: true };
    },
    syncNow: async () => ({ error: await syncNow() }),
  };
}

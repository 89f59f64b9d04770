import { frequentDomains, lookupAddresses, recordSentDomains } from '../db';
import type { Handlers } from '../messaging';
import { recordDiagnostic, serverUrlItem, settingsItem, tokenItem } from '../settings';
import { enqueueSentMail } from '../sync/outbox';

/** Enough for the typo check's "did you mean" candidates; a long tail of one-off domains adds nothing. */
export const FREQUENT_DOMAIN_LIMIT = 500;

export interface HandlerDeps {
  now: () => number;
  /** One pull from the server (and the email-log outbox); resolves to null on success, else the error in words. */
  syncNow: () => Promise<string | null>;
}

/** Only a connected user who did not opt out has their sent mail added to the team's log. */
async function sharesSentLog(): Promise<boolean> {
  const [serverUrl, token, settings] = await Promise.all([
    serverUrlItem.getValue(),
    tokenItem.getValue(),
    settingsItem.getValue(),
  ]);
  return serverUrl !== null && token !== null && settings.shareSentLog;
}

/** The background's answers to the message protocol (lib/messaging.ts); input is validated before these run. */
export function createHandlers({ now, syncNow }: HandlerDeps): Handlers {
  return {
    lookup: async ({ addresses }) => ({ facts: await lookupAddresses(addresses) }),
    frequentDomains: async () => ({
      domains: (await frequentDomains(FREQUENT_DOMAIN_LIMIT)).map(({ domain, count }) => [domain, count]),
    }),
    recordSent: async ({ domains, mail }) => {
      await recordSentDomains(domains, now());
      if (mail !== undefined && (await sharesSentLog())) {
        await enqueueSentMail(mail);
        void syncNow();
      }
      return { ok: true };
    },
    diagnostic: async ({ event, detail }) => {
      await recordDiagnostic(event, now(), detail);
      return { ok: true };
    },
    syncNow: async () => ({ error: await syncNow() }),
  };
}

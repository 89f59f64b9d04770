import { messageIdKey } from '../address';
import { CLOCK_SKEW_MS, insertEmail, raiseRecipientStatus } from '../db/emails';
import { linkEvent, unlinkedEvents } from '../db/events';
import { nextSeq } from '../db/orgs';
import { resendSuppression } from '../db/suppressions';
import type { AuthUser } from '../db/users';
import { emailStatusFor, type StoreDeps } from './events';

export interface SentMail {
  clientId: string;
  messageId: string | null;
  subject: string;
  sentAt: number;
  /** Normalized and distinct. */
  recipients: string[];
}

/**
 * Logs a mail the user sent. Events that arrived before it (a bounce faster than the extension's POST) are linked
 * now; a suppression row that thereby became the sender's `own` goes through the feed again so their extension
 * learns it.
 */
export function recordEmail(deps: StoreDeps, user: AuthUser, mail: SentMail): { id: number; created: boolean } {
  const { db } = deps;
  return db
    .transaction(() => {
      const messageId = mail.messageId === null ? null : messageIdKey(mail.messageId);
      const stored = insertEmail(db, { ...mail, messageId, orgId: user.orgId, userId: user.id }, deps.now());
      if (!stored.created) return stored;
      const early = unlinkedEvents(db, {
        orgId: user.orgId,
        addresses: mail.recipients,
        messageId,
        from: mail.sentAt - CLOCK_SKEW_MS,
        to: mail.sentAt + deps.emailLogMs,
      });
      const nowOwn = new Set<string>();
      for (const event of early) {
        linkEvent(db, event.id, stored.id, user.id);
        const status = emailStatusFor(event.kind, event.class);
        if (status !== null) raiseRecipientStatus(db, stored.id, event.address, status);
        if (event.counted === 1 && event.clearedAt === null) nowOwn.add(event.address);
      }
      for (const address of nowOwn) resendSuppression(db, user.orgId, address, nextSeq(db, user.orgId));
      return stored;
    })
    .immediate();
}

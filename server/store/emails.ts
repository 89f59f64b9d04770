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

export interface RecordedEmail {
  id: number;
  created: boolean;
  /** Counted bounces and complaints this mail now answers that no mail claimed before: for server/notify. */
  linkedEventIds: number[];
}

/**
 * Logs a mail the user sent. Events that arrived before it (a bounce faster than the extension's POST) are linked
 * now; a suppression row that thereby became the sender's `own` goes through the feed again so their extension
 * learns it. A retried POST links nothing, so it tells the notifier nothing either.
 */
export function recordEmail(deps: StoreDeps, user: AuthUser, mail: SentMail): RecordedEmail {
  const { db } = deps;
  return db
    .transaction((): RecordedEmail => {
      const messageId = mail.messageId === null ? null : messageIdKey(mail.messageId);
      const stored = insertEmail(db, { ...mail, messageId, orgId: user.orgId, userId: user.id }, deps.now());
      if (!stored.created) return { ...stored, linkedEventIds: [] };
      const early = unlinkedEvents(db, {
        orgId: user.orgId,
        addresses: mail.recipients,
        messageId,
        from: mail.sentAt - CLOCK_SKEW_MS,
        to: mail.sentAt + deps.emailLogMs,
      });
      const nowOwn = new Set<string>();
      const linkedEventIds: number[] = [];
      for (const event of early) {
        linkEvent(db, event.id, stored.id, user.id);
        const status = emailStatusFor(event.kind, event.class);
        if (status !== null) raiseRecipientStatus(db, stored.id, event.address, status);
        if (event.counted !== 1 || event.clearedAt !== null) continue;
        nowOwn.add(event.address);
        // An event whose mail retention deleted still names its first sender: that one was told (or not) back then.
        if (event.senderUserId === null) linkedEventIds.push(event.id);
      }
      for (const address of nowOwn) resendSuppression(db, user.orgId, address, nextSeq(db, user.orgId));
      return { ...stored, linkedEventIds };
    })
    .immediate();
}

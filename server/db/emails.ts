import type { EmailEntry, EmailListQuery, EmailRecipient, EmailStatus } from '../../lib/api/emails';
import type { Db } from './open';
import { sql } from './statements';

/** A sent mail as the extension reported it, addresses already normalized and distinct. */
export interface NewEmail {
  orgId: number;
  userId: number;
  clientId: string;
  messageId: string | null;
  subject: string;
  sentAt: number;
  recipients: string[];
}

/** Stores the mail once per (user, clientId): a retried POST returns the first one's id. */
export function insertEmail(db: Db, email: NewEmail, now: number): { id: number; created: boolean } {
  const inserted = sql(
    db,
    `INSERT INTO emails (org_id, user_id, client_id, message_id, subject, sent_at, received_at)
     VALUES (@orgId, @userId, @clientId, @messageId, @subject, @sentAt, @now)
     ON CONFLICT (user_id, client_id) DO NOTHING RETURNING id`,
  ).get({ ...email, now }) as { id: number } | undefined;
  if (inserted === undefined) {
    const existing = sql(db, 'SELECT id FROM emails WHERE user_id = ? AND client_id = ?').get(
      email.userId,
      email.clientId,
    ) as { id: number };
    return { id: existing.id, created: false };
  }
  const addRecipient = sql(
    db,
    'INSERT INTO email_recipients (email_id, address, org_id, sent_at) VALUES (?, ?, ?, ?)',
  );
  for (const address of email.recipients) addRecipient.run(inserted.id, address, email.orgId, email.sentAt);
  return { id: inserted.id, created: true };
}

export interface LinkedEmail {
  emailId: number;
  userId: number;
}

/** How far the extension's clock may run ahead of the ESP's when a bounce is matched to a mail by time. */
export const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The mail an event answers: the one with its Message-ID to this address when the event names one, else the
 * latest mail to the address sent before the event, within the email log's window.
 */
export function emailForEvent(
  db: Db,
  event: { orgId: number; address: string; messageId: string | null; occurredAt: number },
  windowMs: number,
): LinkedEmail | undefined {
  if (event.messageId !== null) {
    const byId = sql(
      db,
      `SELECT e.id AS emailId, e.user_id AS userId FROM emails e
       JOIN email_recipients r ON r.email_id = e.id AND r.address = @address
       WHERE e.org_id = @orgId AND e.message_id = @messageId ORDER BY e.sent_at DESC LIMIT 1`,
    ).get(event) as LinkedEmail | undefined;
    if (byId !== undefined) return byId;
  }
  return sql(
    db,
    `SELECT r.email_id AS emailId, e.user_id AS userId FROM email_recipients r JOIN emails e ON e.id = r.email_id
     WHERE r.org_id = @orgId AND r.address = @address AND r.sent_at BETWEEN @from AND @to
     ORDER BY r.sent_at DESC LIMIT 1`,
  ).get({
    orgId: event.orgId,
    address: event.address,
    from: event.occurredAt - windowMs,
    to: event.occurredAt + CLOCK_SKEW_MS,
  }) as LinkedEmail | undefined;
}

// A recipient's state only moves forward: a late "deferred" must not hide a bounce already recorded.
const statusRank = `CASE status WHEN 'sent' THEN 0 WHEN 'deferred' THEN 1 WHEN 'delivered' THEN 2
  WHEN 'bounced' THEN 3 ELSE 4 END`;
const rankOf: Record<EmailStatus, number> = { sent: 0, deferred: 1, delivered: 2, bounced: 3, complained: 4 };

export function raiseRecipientStatus(db: Db, emailId: number, address: string, status: EmailStatus): void {
  sql(
    db,
    `UPDATE email_recipients SET status = @status
     WHERE email_id = @emailId AND address = @address AND ${statusRank} < @rank`,
  ).run({ emailId, address, status, rank: rankOf[status] });
}

/** Sets the status outright, lower or higher: for a recipient whose events were re-classified. */
export function setRecipientStatus(db: Db, emailId: number, address: string, status: EmailStatus): void {
  sql(db, 'UPDATE email_recipients SET status = ? WHERE email_id = ? AND address = ?').run(status, emailId, address);
}

/** The status that the most telling of `statuses` gives (complained > bounced > delivered > deferred > sent). */
export function strongestStatus(statuses: Iterable<EmailStatus>): EmailStatus {
  let strongest: EmailStatus = 'sent';
  for (const status of statuses) if (rankOf[status] > rankOf[strongest]) strongest = status;
  return strongest;
}

/** Newest first, sent since `since`; `userId` null for an admin's view of the whole org. */
export function listEmails(
  db: Db,
  scope: { orgId: number; userId: number | null },
  query: EmailListQuery,
  since: number,
): { emails: EmailEntry[]; hasMore: boolean } {
  const rows = sql(
    db,
    `SELECT e.id, u.email AS sender, e.subject, e.sent_at AS sentAt, e.message_id AS messageId
     FROM emails e JOIN users u ON u.id = e.user_id
     WHERE e.org_id = @orgId AND e.sent_at >= @since
       AND (@userId IS NULL OR e.user_id = @userId)
       AND (@cursor IS NULL OR e.id < @cursor)
       AND (@status IS NULL OR EXISTS (
         SELECT 1 FROM email_recipients r WHERE r.email_id = e.id AND r.status = @status))
     ORDER BY e.id DESC LIMIT @take`,
  ).all({
    ...scope,
    since,
    cursor: query.cursor === undefined ? null : Number(query.cursor),
    status: query.status ?? null,
    take: query.limit + 1,
  }) as Omit<EmailEntry, 'recipients'>[];
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const ids = JSON.stringify(page.map((row) => row.id));
  const recipients = sql(
    db,
    `SELECT email_id AS emailId, address, status FROM email_recipients
     WHERE email_id IN (SELECT value FROM json_each(?)) ORDER BY email_id, address`,
  ).all(ids) as { emailId: number; address: string; status: EmailStatus }[];
  const bounces = sql(
    db,
    `SELECT email_id AS emailId, address, class, reason, occurred_at AS at FROM bounce_events
     WHERE email_id IN (SELECT value FROM json_each(?)) AND counted = 1 ORDER BY occurred_at`,
  ).all(ids) as ({ emailId: number; address: string } & NonNullable<EmailRecipient['bounce']>)[];
  const latestBounce = new Map(bounces.map(({ emailId, address, ...bounce }) => [`${emailId} ${address}`, bounce]));
  const byEmail = new Map<number, EmailRecipient[]>();
  for (const { emailId, address, status } of recipients) {
    const list = byEmail.get(emailId) ?? [];
    list.push({ address, status, bounce: latestBounce.get(`${emailId} ${address}`) ?? null });
    byEmail.set(emailId, list);
  }
  return { emails: page.map((row) => ({ ...row, recipients: byEmail.get(row.id) ?? [] })), hasMore };
}

/** The email log's retention; bounce events keep their sender (sender_user_id) after their mail is gone. */
export function deleteEmailsSentBefore(db: Db, cutoff: number): number {
  return sql(db, 'DELETE FROM emails WHERE sent_at < ?').run(cutoff).changes;
}

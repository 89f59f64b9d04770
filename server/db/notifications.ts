import type { EventClass, EventKind } from './events';
import type { Db } from './open';
import { sql } from './statements';

/**
 * Queues a mail for each of these events that is a counted bounce or complaint of a logged mail whose sender wants
 * email (`email` or `both`). An event already queued stays as it is: one mail per event, ever. Returns how many.
 */
export function queueNotifications(db: Db, eventIds: readonly number[], now: number): number {
  return sql(
    db,
    `INSERT INTO notifications (event_id, user_id, next_attempt_at, created_at)
     SELECT e.id, u.id, @now, @now FROM bounce_events e JOIN users u ON u.id = e.sender_user_id
     WHERE e.id IN (SELECT value FROM json_each(@ids)) AND e.kind IN ('bounce', 'complaint') AND e.counted = 1
       AND u.notify IN ('email', 'both')
     ON CONFLICT (event_id) DO NOTHING`,
  ).run({ ids: JSON.stringify(eventIds), now }).changes;
}

/** Pending notifications whose time has come, oldest first. */
export function dueNotifications(db: Db, now: number, limit: number): number[] {
  return (
    sql(
      db,
      `SELECT event_id AS eventId FROM notifications WHERE state = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, event_id LIMIT ?`,
    ).all(now, limit) as { eventId: number }[]
  ).map((row) => row.eventId);
}

/** Marks a pending notification as being sent; false when another notifier (or a user's change) got there first. */
export function claimNotification(db: Db, eventId: number): boolean {
  return (
    sql(db, `UPDATE notifications SET state = 'sending', attempts = attempts + 1 WHERE event_id = ? AND state = 'pending'`).run(
      eventId,
    ).changes === 1
  );
}

export function markSent(db: Db, eventId: number, now: number): void {
  sql(db, `UPDATE notifications SET state = 'sent', sent_at = ?, last_error = NULL WHERE event_id = ?`).run(now, eventId);
}

/** A failed attempt: back to pending until `nextAttemptAt`, or `failed` for good when that is null. */
export function markFailed(db: Db, eventId: number, error: string, nextAttemptAt: number | null): void {
  sql(
    db,
    `UPDATE notifications SET state = iif(@next IS NULL, 'failed', 'pending'),
       next_attempt_at = coalesce(@next, next_attempt_at), last_error = @error
     WHERE event_id = @eventId`,
  ).run({ eventId, error: error.slice(0, 500), next: nextAttemptAt });
}

/** A notifier stopped mid-send: whether the mail went is unknown, so it is given up rather than maybe sent twice. */
export function abandonInterrupted(db: Db): number {
  return sql(
    db,
    `UPDATE notifications SET state = 'failed', last_error = 'interrupted while sending; not retried to avoid a duplicate'
     WHERE state = 'sending'`,
  ).run().changes;
}

export function notificationAttempts(db: Db, eventId: number): number {
  return (sql(db, 'SELECT attempts FROM notifications WHERE event_id = ?').get(eventId) as { attempts: number }).attempts;
}

/** What the mail says, read when it is sent (so "suppressed" is the state then). */
export interface BounceNotice {
  to: string;
  address: string;
  kind: EventKind;
  class: EventClass;
  reason: string;
  occurredAt: number;
  /** The bounced mail's subject; null once the email log no longer has it. */
  subject: string | null;
  suppressed: boolean;
}

export function bounceNotice(db: Db, eventId: number): BounceNotice | undefined {
  const row = sql(
    db,
    `SELECT u.email AS "to", e.address, e.kind, e.class, e.reason, e.occurred_at AS occurredAt, m.subject,
       coalesce(s.suppressed, 0) AS suppressed
     FROM notifications n
     JOIN bounce_events e ON e.id = n.event_id
     JOIN users u ON u.id = n.user_id
     LEFT JOIN emails m ON m.id = e.email_id
     LEFT JOIN suppressions s ON s.org_id = e.org_id AND s.address = e.address
     WHERE n.event_id = ?`,
  ).get(eventId) as (Omit<BounceNotice, 'suppressed'> & { suppressed: number }) | undefined;
  return row === undefined ? undefined : { ...row, suppressed: row.suppressed === 1 };
}

import type { Db } from './open';
import { payloadKey } from './payload-key';
import { sql } from './statements';

export type EventKind = 'bounce' | 'complaint' | 'delivery' | 'deferred' | 'suppressed-echo';
export type EventClass = 'hard' | 'soft' | 'block' | 'complaint' | 'ignore';

export function eventExists(db: Db, orgId: number, source: string, eventId: string): boolean {
  return (
    sql(db, 'SELECT 1 FROM bounce_events WHERE org_id = ? AND source = ? AND event_id = ?').get(
      orgId,
      source,
      eventId,
    ) !== undefined
  );
}

/**
 * Keeps a payload, as received, for re-classification until retention prunes its body; the same payload delivered
 * again (by `payloadKey`: a raw message in any line endings, a webhook byte for byte) is stored once.
 */
export function storeRawPayload(db: Db, orgId: number, source: string, raw: string | Uint8Array, now: number): number {
  const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  const sha256 = payloadKey(source, body);
  sql(
    db,
    `INSERT INTO raw_payloads (org_id, source, sha256, body, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (org_id, sha256) DO NOTHING`,
  ).run(orgId, source, sha256, body, now);
  return (sql(db, 'SELECT id FROM raw_payloads WHERE org_id = ? AND sha256 = ?').get(orgId, sha256) as { id: number })
    .id;
}

/** What an event says, in its columns: the same for an event being stored and one read back. */
interface EventFields extends EventVerdict {
  eventId: string;
  address: string;
  providerClass: string | null;
  messageId: string | null;
  occurredAt: number;
  /** The logged mail it answers, while the email log keeps it. */
  emailId: number | null;
}

export interface NewEvent extends EventFields {
  orgId: number;
  source: string;
  receivedAt: number;
  rawPayloadId: number;
  senderUserId: number | null;
}

/** Returns the event's row id. */
export function insertEvent(db: Db, event: NewEvent): number {
  const { lastInsertRowid } = sql(
    db,
    `INSERT INTO bounce_events (org_id, source, event_id, kind, address, class, reason, hard, status, reply_code,
       diagnostic, provider_class, message_id, occurred_at, received_at, raw_payload_id, email_id, sender_user_id,
       counted)
     VALUES (@orgId, @source, @eventId, @kind, @address, @class, @reason, @hard, @status, @replyCode,
       @diagnostic, @providerClass, @messageId, @occurredAt, @receivedAt, @rawPayloadId, @emailId, @senderUserId,
       @counted)`,
  ).run({ ...event, hard: event.hard ? 1 : 0, counted: event.counted ? 1 : 0 });
  return Number(lastInsertRowid);
}

/** Counted, not unbounced bounces of one class for the address with occurred_at in [from, to]. */
export function countInWindow(
  db: Db,
  where: { orgId: number; address: string; class: EventClass; from: number; to: number },
): number {
  return (
    sql(
      db,
      `SELECT count(*) AS n FROM bounce_events
       WHERE org_id = @orgId AND address = @address AND occurred_at BETWEEN @from AND @to
         AND class = @class AND counted = 1 AND cleared_at IS NULL`,
    ).get(where) as { n: number }
  ).n;
}

/** After an unbounce the address starts from zero: its past bounces stay on record but count no more. */
export function clearEvents(db: Db, orgId: number, address: string, now: number): void {
  sql(db, 'UPDATE bounce_events SET cleared_at = ? WHERE org_id = ? AND address = ? AND cleared_at IS NULL').run(
    now,
    orgId,
    address,
  );
}

export interface UnlinkedEvent {
  id: number;
  kind: EventKind;
  address: string;
  class: EventClass | null;
  counted: number;
  clearedAt: number | null;
  /** Set with email_id; still set when retention deleted the mail it was linked to. */
  senderUserId: number | null;
}

/**
 * Events that arrived before their mail was logged (a fast bounce, an extension that was offline): not linked
 * yet, for one of these addresses, by Message-ID or within [from, to].
 */
export function unlinkedEvents(
  db: Db,
  where: { orgId: number; addresses: string[]; messageId: string | null; from: number; to: number },
): UnlinkedEvent[] {
  return sql(
    db,
    `SELECT id, kind, address, class, counted, cleared_at AS clearedAt, sender_user_id AS senderUserId FROM bounce_events
     WHERE org_id = @orgId AND email_id IS NULL AND address IN (SELECT value FROM json_each(@addresses))
       AND (occurred_at BETWEEN @from AND @to OR message_id = @messageId)
     ORDER BY occurred_at`,
  ).all({ ...where, addresses: JSON.stringify(where.addresses) }) as UnlinkedEvent[];
}

export function linkEvent(db: Db, eventId: number, emailId: number, userId: number): void {
  sql(db, 'UPDATE bounce_events SET email_id = ?, sender_user_id = ? WHERE id = ?').run(emailId, userId, eventId);
}

/** A counted event as policy replays it (server/store/rebuild.ts). */
export interface CountingEvent {
  class: 'hard' | 'soft' | 'block' | 'complaint';
  reason: string;
  status: string | null;
  diagnostic: string | null;
  source: 'ses' | 'sendgrid' | 'mailgun' | 'postmark' | 'dsn';
  occurredAt: number;
}

/** The address's counted, not unbounced events in arrival order: what its suppression row was built from. */
export function countingEvents(db: Db, orgId: number, address: string): CountingEvent[] {
  return sql(
    db,
    `SELECT class, reason, status, diagnostic, source, occurred_at AS occurredAt FROM bounce_events
     WHERE org_id = ? AND address = ? AND counted = 1 AND cleared_at IS NULL ORDER BY id`,
  ).all(orgId, address) as CountingEvent[];
}

/** An event as re-classification reads and compares it. */
export interface StoredEvent extends EventFields {
  id: number;
  source: CountingEvent['source'];
  clearedAt: number | null;
}

export function eventsOfPayload(db: Db, rawPayloadId: number): StoredEvent[] {
  const rows = sql(
    db,
    `SELECT id, source, event_id AS eventId, kind, address, class, reason, hard, status, reply_code AS replyCode,
       diagnostic, provider_class AS providerClass, message_id AS messageId, occurred_at AS occurredAt, counted,
       cleared_at AS clearedAt, email_id AS emailId
     FROM bounce_events WHERE raw_payload_id = ? ORDER BY id`,
  ).all(rawPayloadId) as (Omit<StoredEvent, 'hard' | 'counted'> & { hard: number; counted: number })[];
  return rows.map((row) => ({ ...row, hard: row.hard === 1, counted: row.counted === 1 }));
}

/** What re-classification may change in an event; cleared_at, links and times stay. */
export interface EventVerdict {
  kind: EventKind;
  class: EventClass | null;
  reason: string | null;
  hard: boolean;
  status: string | null;
  replyCode: string | null;
  diagnostic: string | null;
  counted: boolean;
}

/** Kind and class of every event linked to one recipient of one logged mail: what its status is made of. */
export function linkedEventKinds(db: Db, emailId: number, address: string): { kind: EventKind; class: EventClass | null }[] {
  return sql(db, 'SELECT kind, class FROM bounce_events WHERE email_id = ? AND address = ?').all(emailId, address) as {
    kind: EventKind;
    class: EventClass | null;
  }[];
}

export function updateEventVerdict(db: Db, id: number, verdict: EventVerdict): void {
  sql(
    db,
    `UPDATE bounce_events SET kind = @kind, class = @class, reason = @reason, hard = @hard, status = @status,
       reply_code = @replyCode, diagnostic = @diagnostic, counted = @counted
     WHERE id = @id`,
  ).run({ ...verdict, hard: verdict.hard ? 1 : 0, counted: verdict.counted ? 1 : 0, id });
}

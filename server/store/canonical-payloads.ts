import type { Db } from '../db/open';
import { payloadKey } from '../db/payload-key';
import { dsnEventId } from '../inbound/ingest';
import { orgPolicySchema, replayBounces, type OrgPolicy, type SuppressionState } from '../policy';
import { countedBounce } from './events';
import { settlement } from './rebuild';

// A data step sees the schema of its own migration, not the newest: it reads and writes suppressions with its own
// SQL over 002's columns (later migrations add columns the live helpers in server/db use, e.g. 006's owners, which
// 006 fills for every row). Only pure code is shared: hashing, event ids, policy's replay and `settlement`.

interface DsnEvent {
  id: number;
  orgId: number;
  address: string;
  rawPayloadId: number;
  counted: number;
  clearedAt: number | null;
  emailId: number | null;
  senderUserId: number | null;
}

/** A stored event that is a second arrival of `survivor` under the canonical key. */
interface Duplicate {
  event: DsnEvent;
  survivorId: number;
}

/**
 * Data step of migration `raw-payloads`, inside its transaction. Before it, a raw message's key and its events' ids
 * came from its bytes, so one bounce that came by SMTP (CRLF) and by HTTP (LF) was stored twice. This:
 * 1. keys every raw message by its canonical form; of messages that now share a key the first received survives;
 * 2. gives every raw-message event its new id (`dsnEventId`); a later event with the id of an earlier one is a
 *    second arrival: its mail link and its notification move to the first if that has none, and it is deleted;
 * 3. deletes the payloads no event points to any more and stores the new keys;
 * 4. repairs the suppression rows the duplicates counted in: a row that is exactly what its events made is rebuilt
 *    from the events that remain (its count drops, and a suppression only the duplicate caused, e.g. a third soft
 *    bounce, or a row a re-delivered old bounce brought back after an unbounce, is lifted, through the feed);
 *    any other row (an import, a policy changed since) only has the duplicates taken off its bounce_count.
 * It does not repair what duplicates did outside the row: an email a duplicate mailed, an extension notification.
 */
export function canonicalizeRawPayloads(db: Db): void {
  const keys = canonicalKeys(db);
  const duplicates = duplicateEvents(db, keys);
  const now = Date.now();
  const affected = countedAddresses(duplicates);
  const before = new Map([...affected.values()].map((entry) => [entry, stateBefore(db, entry)]));

  for (const duplicate of duplicates) mergeIntoSurvivor(db, duplicate);
  renumberEvents(db, keys);
  storeKeys(db, keys);

  for (const [entry, state] of before) settle(db, entry, state, now);
}

interface Keyed {
  /** Payload id → its canonical key. */
  keyOf: Map<number, string>;
  /** Payload id → the payload that survives for its key (itself, or the first received with the same key). */
  survivorOf: Map<number, number>;
}

function canonicalKeys(db: Db): Keyed {
  const keyOf = new Map<number, string>();
  const survivorOf = new Map<number, number>();
  const first = new Map<string, number>();
  const rows = db
    .prepare("SELECT id, org_id AS orgId, body FROM raw_payloads WHERE source = 'dsn' ORDER BY id")
    .iterate() as IterableIterator<{ id: number; orgId: number; body: Buffer }>;
  for (const row of rows) {
    const key = payloadKey('dsn', row.body);
    const group = `${row.orgId}\n${key}`;
    if (!first.has(group)) first.set(group, row.id);
    keyOf.set(row.id, key);
    survivorOf.set(row.id, first.get(group)!);
  }
  return { keyOf, survivorOf };
}

function newEventId(keys: Keyed, event: DsnEvent): string {
  const key = keys.keyOf.get(event.rawPayloadId);
  if (key === undefined) {
    throw new Error(`Raw-message event ${event.id} points to payload ${event.rawPayloadId}, not a raw message`);
  }
  return dsnEventId(key, event.address);
}

function dsnEvents(db: Db): DsnEvent[] {
  return db
    .prepare(
      `SELECT id, org_id AS orgId, address, raw_payload_id AS rawPayloadId, counted, cleared_at AS clearedAt,
         email_id AS emailId, sender_user_id AS senderUserId
       FROM bounce_events WHERE source = 'dsn' ORDER BY id`,
    )
    .all() as DsnEvent[];
}

function duplicateEvents(db: Db, keys: Keyed): Duplicate[] {
  const first = new Map<string, number>();
  const duplicates: Duplicate[] = [];
  for (const event of dsnEvents(db)) {
    const group = `${event.orgId}\n${newEventId(keys, event)}`;
    const survivorId = first.get(group);
    if (survivorId === undefined) first.set(group, event.id);
    else duplicates.push({ event, survivorId });
  }
  return duplicates;
}

interface AffectedAddress {
  orgId: number;
  address: string;
  /** Duplicates that counted toward the current row (counted, not unbounced). */
  removed: number;
}

function countedAddresses(duplicates: readonly Duplicate[]): Map<string, AffectedAddress> {
  const affected = new Map<string, AffectedAddress>();
  for (const { event } of duplicates) {
    if (event.counted !== 1 || event.clearedAt !== null) continue;
    const id = `${event.orgId}\n${event.address}`;
    const entry = affected.get(id) ?? { orgId: event.orgId, address: event.address, removed: 0 };
    entry.removed++;
    affected.set(id, entry);
  }
  return affected;
}

interface Before {
  /** Null when the org's policy no longer parses (hand-edited): then the row is only uncounted. */
  policy: OrgPolicy | null;
  state: SuppressionState | undefined;
}

/** The row the events made before the merge. */
function stateBefore(db: Db, entry: AffectedAddress): Before {
  const row = db.prepare('SELECT policy FROM orgs WHERE id = ?').get(entry.orgId) as { policy: string };
  let policy: OrgPolicy;
  try {
    policy = orgPolicySchema.parse(JSON.parse(row.policy));
  } catch {
    return { policy: null, state: undefined };
  }
  return { policy, state: replayEvents(db, entry, policy) };
}

function replayEvents(db: Db, { orgId, address }: AffectedAddress, policy: OrgPolicy): SuppressionState | undefined {
  const events = db
    .prepare(
      `SELECT class, reason, status, diagnostic, source, occurred_at AS occurredAt FROM bounce_events
       WHERE org_id = ? AND address = ? AND counted = 1 AND cleared_at IS NULL ORDER BY id`,
    )
    .all(orgId, address) as Parameters<typeof countedBounce>[0][];
  return replayBounces(policy, events.map(countedBounce));
}

/** Rebuilds, deletes or (unexplained) uncounts the address's row; every change under a new feed seq. */
function settle(db: Db, entry: AffectedAddress, before: Before, now: number): void {
  const row = suppressionRow(db, entry);
  if (row === undefined) return;
  const after = before.policy === null ? undefined : replayEvents(db, entry, before.policy);
  const decided = before.policy === null ? { action: 'unexplained' as const } : settlement(row, before.state, after);
  if (decided.action === 'unchanged') return;
  const seq = nextSeq(db, entry.orgId);
  if (decided.action === 'delete') {
    db.prepare('DELETE FROM suppressions WHERE org_id = ? AND address = ?').run(entry.orgId, entry.address);
    db.prepare(
      `INSERT INTO tombstones (org_id, address, seq, deleted_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (org_id, address) DO UPDATE SET seq = excluded.seq, deleted_at = excluded.deleted_at`,
    ).run(entry.orgId, entry.address, seq, now);
    return;
  }
  const state =
    decided.action === 'write' ? decided.state : { ...row, bounceCount: Math.max(0, row.bounceCount - entry.removed) };
  db.prepare(
    `UPDATE suppressions SET class = @class, reason = @reason, status = @status, diagnostic = @diagnostic,
       source = @source, bounce_count = @bounceCount, first_bounce_at = @firstBounceAt, last_bounce_at = @lastBounceAt,
       suppressed = @suppressed, seq = @seq
     WHERE org_id = @orgId AND address = @address`,
  ).run({ ...state, suppressed: state.suppressed ? 1 : 0, seq, orgId: entry.orgId, address: entry.address });
}

function suppressionRow(db: Db, { orgId, address }: AffectedAddress): SuppressionState | undefined {
  const row = db
    .prepare(
      `SELECT class, reason, status, diagnostic, source, bounce_count AS bounceCount, first_bounce_at AS firstBounceAt,
         last_bounce_at AS lastBounceAt, suppressed
       FROM suppressions WHERE org_id = ? AND address = ?`,
    )
    .get(orgId, address) as (Omit<SuppressionState, 'suppressed'> & { suppressed: number }) | undefined;
  return row === undefined ? undefined : { ...row, suppressed: row.suppressed === 1 };
}

function nextSeq(db: Db, orgId: number): number {
  const row = db.prepare('UPDATE orgs SET feed_seq = feed_seq + 1 WHERE id = ? RETURNING feed_seq').get(orgId);
  return (row as { feed_seq: number }).feed_seq;
}

function mergeIntoSurvivor(db: Db, { event, survivorId }: Duplicate): void {
  // The second arrival may have found the mail the first did not (it was logged in between): keep the link.
  db.prepare(
    `UPDATE bounce_events SET
       sender_user_id = CASE WHEN email_id IS NULL AND @emailId IS NOT NULL THEN @senderUserId
                             ELSE coalesce(sender_user_id, @senderUserId) END,
       email_id = coalesce(email_id, @emailId)
     WHERE id = @survivorId`,
  ).run({ emailId: event.emailId, senderUserId: event.senderUserId, survivorId });
  db.prepare(
    `UPDATE notifications SET event_id = @survivorId
     WHERE event_id = @duplicateId AND NOT EXISTS (SELECT 1 FROM notifications WHERE event_id = @survivorId)`,
  ).run({ survivorId, duplicateId: event.id });
  db.prepare('DELETE FROM bounce_events WHERE id = ?').run(event.id);
}

/** The surviving events' new ids, each pointing to its message's surviving payload. */
function renumberEvents(db: Db, keys: Keyed): void {
  const update = db.prepare('UPDATE bounce_events SET event_id = ?, raw_payload_id = ? WHERE id = ?');
  for (const event of dsnEvents(db)) {
    update.run(newEventId(keys, event), keys.survivorOf.get(event.rawPayloadId), event.id);
  }
}

/** Drops the payloads that lost to an earlier copy (no event points to them now), then stores the new keys. */
function storeKeys(db: Db, { keyOf, survivorOf }: Keyed): void {
  const drop = db.prepare('DELETE FROM raw_payloads WHERE id = ?');
  for (const [id, survivor] of survivorOf) if (id !== survivor) drop.run(id);
  const rekey = db.prepare('UPDATE raw_payloads SET sha256 = ? WHERE id = ?');
  for (const [id, survivor] of survivorOf) if (id === survivor) rekey.run(keyOf.get(id), id);
}

import type { Suppression } from '../../lib/api/suppression';
import type { SuppressionListQuery } from '../../lib/api/suppressions';
import type { SyncChange } from '../../lib/api/sync';
import type { SuppressionState } from '../policy';
import type { Db } from './open';
import { sql } from './statements';

/** `own` for user @userId: a counted, not yet unbounced bounce of this address answered mail that user sent. */
const ownColumn = `EXISTS (
  SELECT 1 FROM bounce_events e
  WHERE e.org_id = s.org_id AND e.address = s.address AND e.sender_user_id = @userId
    AND e.counted = 1 AND e.cleared_at IS NULL) AS own`;

const rowColumns = `s.address, s.class, s.reason, s.status, s.diagnostic, s.source, s.bounce_count, s.first_bounce_at,
  s.last_bounce_at, s.suppressed, s.seq`;

type RowTuple = [
  address: string,
  bounceClass: Suppression['class'],
  reason: string,
  status: string | null,
  diagnostic: string | null,
  source: Suppression['source'],
  bounceCount: number,
  firstBounceAt: number,
  lastBounceAt: number,
  suppressed: number,
  seq: number,
  own: number,
];

// Rows are read as arrays: better-sqlite3 building a named object per row was half of a sync page's time.
function toSuppression(row: RowTuple): Suppression {
  return {
    address: row[0],
    class: row[1],
    reason: row[2],
    status: row[3],
    diagnostic: row[4],
    source: row[5],
    bounceCount: row[6],
    firstBounceAt: row[7],
    lastBounceAt: row[8],
    suppressed: row[9] === 1,
    own: row[11] === 1,
    seq: row[10],
  };
}

function rows(db: Db, where: string, params: Record<string, unknown>): Suppression[] {
  const statement = sql(db, `SELECT ${rowColumns}, ${ownColumn} FROM suppressions s WHERE ${where}`).raw(true);
  return (statement.all(params) as RowTuple[]).map(toSuppression);
}

export function suppressionByAddress(
  db: Db,
  orgId: number,
  address: string,
  userId: number | null,
): Suppression | undefined {
  return rows(db, 's.org_id = @orgId AND s.address = @address', { orgId, address, userId })[0];
}

/** Writes the row's new state under change number `seq`; a tombstone of the address (an earlier unbounce) goes. */
export function writeSuppression(db: Db, orgId: number, address: string, state: SuppressionState, seq: number): void {
  sql(
    db,
    `INSERT INTO suppressions (org_id, address, class, reason, status, diagnostic, source, bounce_count,
       first_bounce_at, last_bounce_at, suppressed, seq)
     VALUES (@orgId, @address, @class, @reason, @status, @diagnostic, @source, @bounceCount,
       @firstBounceAt, @lastBounceAt, @suppressed, @seq)
     ON CONFLICT (org_id, address) DO UPDATE SET class = excluded.class, reason = excluded.reason,
       status = excluded.status, diagnostic = excluded.diagnostic, source = excluded.source,
       bounce_count = excluded.bounce_count, first_bounce_at = excluded.first_bounce_at,
       last_bounce_at = excluded.last_bounce_at, suppressed = excluded.suppressed, seq = excluded.seq`,
  ).run({ ...state, suppressed: state.suppressed ? 1 : 0, orgId, address, seq });
  sql(db, 'DELETE FROM tombstones WHERE org_id = ? AND address = ?').run(orgId, address);
}

/** Sends the row through the feed again unchanged (its `own` flag changed for someone). */
export function resendSuppression(db: Db, orgId: number, address: string, seq: number): boolean {
  return sql(db, 'UPDATE suppressions SET seq = ? WHERE org_id = ? AND address = ?').run(seq, orgId, address).changes > 0;
}

/** Deletes the row and leaves a tombstone under `seq`, so every extension deletes it too. */
export function deleteSuppression(db: Db, orgId: number, address: string, seq: number, now: number): void {
  sql(db, 'DELETE FROM suppressions WHERE org_id = ? AND address = ?').run(orgId, address);
  sql(
    db,
    `INSERT INTO tombstones (org_id, address, seq, deleted_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (org_id, address) DO UPDATE SET seq = excluded.seq, deleted_at = excluded.deleted_at`,
  ).run(orgId, address, seq, now);
}

export interface FeedPage {
  changes: SyncChange[];
  /** The seq of the last change on the page; the request's cursor when the page is empty. */
  last: number;
  hasMore: boolean;
}

/**
 * Changes after `cursor`, oldest first: live rows and tombstones merged by seq. Each address is in exactly one of
 * the two tables under its latest seq, so a page never carries an address twice. Call inside a read transaction
 * so both queries see the same snapshot.
 */
export function feedPage(db: Db, orgId: number, userId: number, cursor: number, limit: number): FeedPage {
  const puts = rows(db, 's.org_id = @orgId AND s.seq > @cursor ORDER BY s.seq LIMIT @take', {
    orgId,
    userId,
    cursor,
    take: limit + 1,
  });
  const tombstones = sql(
    db,
    'SELECT address, seq FROM tombstones WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  ).all(orgId, cursor, limit + 1) as { address: string; seq: number }[];

  const changes: SyncChange[] = [];
  let r = 0;
  let t = 0;
  while (changes.length <= limit && (r < puts.length || t < tombstones.length)) {
    const row = puts[r];
    const tombstone = tombstones[t];
    if (row !== undefined && (tombstone === undefined || row.seq < tombstone.seq)) {
      changes.push({ op: 'put', row });
      r++;
    } else if (tombstone !== undefined) {
      changes.push({ op: 'delete', address: tombstone.address, seq: tombstone.seq });
      t++;
    }
  }
  const hasMore = changes.length > limit;
  if (hasMore) changes.pop();
  const lastChange = changes.at(-1);
  const last = lastChange === undefined ? cursor : lastChange.op === 'put' ? lastChange.row.seq : lastChange.seq;
  return { changes, last, hasMore };
}

/** The org's list by address; `q` matches any part of the address, case-insensitively (addresses are stored lower-case). */
export function listSuppressions(
  db: Db,
  orgId: number,
  userId: number,
  query: SuppressionListQuery,
): { items: Suppression[]; hasMore: boolean } {
  const where = ['s.org_id = @orgId'];
  if (query.cursor !== undefined) where.push('s.address > @cursor');
  if (query.q !== undefined) where.push("s.address LIKE @pattern ESCAPE '\\'");
  if (query.class !== undefined) where.push('s.class = @class');
  if (query.suppressed !== undefined) where.push('s.suppressed = @suppressed');
  const items = rows(db, `${where.join(' AND ')} ORDER BY s.address LIMIT @take`, {
    orgId,
    userId,
    cursor: query.cursor ?? null,
    pattern: query.q === undefined ? null : `%${query.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`,
    class: query.class ?? null,
    suppressed: query.suppressed === 'true' ? 1 : 0,
    take: query.limit + 1,
  });
  const hasMore = items.length > query.limit;
  return { items: items.slice(0, query.limit), hasMore };
}

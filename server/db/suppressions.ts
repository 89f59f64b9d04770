import type { Suppression } from '../../lib/api/suppression';
import type { SuppressionListQuery } from '../../lib/api/suppressions';
import type { SuppressionState } from '../policy';
import type { Db } from './open';
import { sql } from './statements';

/**
 * `own` for the user whose `,id,` is @ownerNeedle: a counted, not yet unbounced bounce of this address answered mail
 * that user sent. Read from the row's `owners` list (see ownersOf), not by searching bounce_events for
 * each row: that search was most of a sync page's time.
 */
const ownTest = `instr(s.owners, @ownerNeedle) > 0`;

/**
 * A row of `suppressions s` as the API's JSON (lib/api/suppression.ts), built by SQLite. The sync feed sends this
 * text as it is: building a JS object per row and stringifying it again took two thirds of a page's time. Internal
 * reads parse the same text, so there is one mapping from columns to the contract (test/server checks it against
 * suppressionSchema).
 */
const suppressionJson = `json_object('address', s.address, 'class', s.class, 'reason', s.reason, 'status', s.status,
  'diagnostic', s.diagnostic, 'source', s.source, 'bounceCount', s.bounce_count, 'firstBounceAt', s.first_bounce_at,
  'lastBounceAt', s.last_bounce_at, 'suppressed', json(iif(s.suppressed, 'true', 'false')),
  'own', json(iif(${ownTest}, 'true', 'false')), 'seq', s.seq)`;

/** The value of @ownerNeedle for a user; null (nobody's) gives `own: false`. */
const ownerNeedle = (userId: number | null) => (userId === null ? null : `,${userId},`);

/** Rows for user @userId (null: nobody's, `own` false), parsed from the same JSON the feed sends. */
function rows(db: Db, where: string, { userId, ...params }: Record<string, unknown> & { userId: number | null }): Suppression[] {
  const statement = sql(db, `SELECT ${suppressionJson} FROM suppressions s WHERE ${where}`).pluck(true);
  const jsons = statement.all({ ...params, ownerNeedle: ownerNeedle(userId) }) as string[];
  return jsons.map((json) => JSON.parse(json) as Suppression);
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
       first_bounce_at, last_bounce_at, suppressed, seq, owners)
     VALUES (@orgId, @address, @class, @reason, @status, @diagnostic, @source, @bounceCount,
       @firstBounceAt, @lastBounceAt, @suppressed, @seq, @owners)
     ON CONFLICT (org_id, address) DO UPDATE SET class = excluded.class, reason = excluded.reason,
       status = excluded.status, diagnostic = excluded.diagnostic, source = excluded.source,
       bounce_count = excluded.bounce_count, first_bounce_at = excluded.first_bounce_at,
       last_bounce_at = excluded.last_bounce_at, suppressed = excluded.suppressed, seq = excluded.seq,
       owners = excluded.owners`,
  ).run({ ...state, suppressed: state.suppressed ? 1 : 0, orgId, address, seq, owners: ownersOf(db, orgId, address) });
  sql(db, 'DELETE FROM tombstones WHERE org_id = ? AND address = ?').run(orgId, address);
}

/** Sends the row through the feed again under `seq`, its state unchanged: whose bounce it was changed (`own`). */
export function resendSuppression(db: Db, orgId: number, address: string, seq: number): boolean {
  return resendWithOwners(db, orgId, address, seq, ownersOf(db, orgId, address));
}

/**
 * After the address's events changed but its row's state did not (re-classification): re-sends the row under
 * `nextSeq()` if that changed whose bounce it is. True when it did.
 */
export function resendIfOwnersChanged(db: Db, orgId: number, address: string, nextSeq: () => number): boolean {
  const stored = sql(db, 'SELECT owners FROM suppressions WHERE org_id = ? AND address = ?').get(orgId, address) as
    | { owners: string | null }
    | undefined;
  const owners = ownersOf(db, orgId, address);
  if (stored === undefined || stored.owners === owners) return false;
  return resendWithOwners(db, orgId, address, nextSeq(), owners);
}

function resendWithOwners(db: Db, orgId: number, address: string, seq: number, owners: string | null): boolean {
  const statement = sql(db, 'UPDATE suppressions SET seq = ?, owners = ? WHERE org_id = ? AND address = ?');
  return statement.run(seq, owners, orgId, address).changes > 0;
}

/**
 * A row's `owners` (`,3,17,` in id order, or null): the users whose mail a counted, not yet unbounced bounce of the
 * address answered. Computed from bounce_events each time the row is written or re-sent, the ways a row's `own`
 * changes (an unbounce deletes the row), so it never drifts from the events. Migration 006 fills it the same way.
 */
function ownersOf(db: Db, orgId: number, address: string): string | null {
  return sql(
    db,
    `SELECT ',' || group_concat(user_id) || ',' FROM (
       SELECT DISTINCT sender_user_id AS user_id FROM bounce_events
       WHERE org_id = ? AND address = ? AND sender_user_id IS NOT NULL AND counted = 1 AND cleared_at IS NULL
       ORDER BY user_id)`,
  )
    .pluck()
    .get(orgId, address) as string | null;
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
  /** Each change as JSON text (a SyncChange), oldest first. */
  changes: string[];
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
  const take = limit + 1;
  const puts = sql(
    db,
    `SELECT s.seq, json_object('op', 'put', 'row', ${suppressionJson}) FROM suppressions s
     WHERE s.org_id = @orgId AND s.seq > @cursor ORDER BY s.seq LIMIT @take`,
  )
    .raw(true)
    .all({ orgId, ownerNeedle: ownerNeedle(userId), cursor, take }) as [number, string][];
  const tombstones = sql(
    db,
    `SELECT seq, json_object('op', 'delete', 'address', address, 'seq', seq) FROM tombstones
     WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  )
    .raw(true)
    .all(orgId, cursor, take) as [number, string][];

  const merged: [seq: number, json: string][] = [];
  let r = 0;
  let t = 0;
  while (merged.length < take) {
    const put = puts[r];
    const tombstone = tombstones[t];
    if (put !== undefined && (tombstone === undefined || put[0] < tombstone[0])) {
      merged.push(put);
      r++;
    } else if (tombstone !== undefined) {
      merged.push(tombstone);
      t++;
    } else {
      break;
    }
  }
  const hasMore = merged.length > limit;
  const page = hasMore ? merged.slice(0, limit) : merged;
  return { changes: page.map(([, json]) => json), last: page.at(-1)?.[0] ?? cursor, hasMore };
}

/** The page as the body of `GET /v1/sync` (lib/api/sync.ts syncPageSchema), joined from the rows' JSON text. */
export function feedPageJson(page: FeedPage): string {
  return `{"changes":[${page.changes.join(',')}],"nextCursor":"${page.last}","hasMore":${page.hasMore}}`;
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

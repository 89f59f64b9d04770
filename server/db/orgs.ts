import { z } from 'zod';
import { orgPolicySchema, type OrgPolicy } from '../policy';
import type { Db } from './open';
import { sql } from './statements';

export interface Org {
  id: number;
  name: string;
}

export const orgNameSchema = z.string().trim().min(1).max(100);

export function orgByName(db: Db, name: string): Org | undefined {
  return sql(db, 'SELECT id, name FROM orgs WHERE name = ?').get(name) as Org | undefined;
}

export function createOrg(db: Db, name: string, now: number): Org {
  const id = Number(sql(db, 'INSERT INTO orgs (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
  return { id, name };
}

export function orgCount(db: Db): number {
  return (sql(db, 'SELECT count(*) AS n FROM orgs').get() as { n: number }).n;
}

/** The org's policy; a row that no longer parses (hand-edited) fails loudly rather than suppressing by surprise. */
export function orgPolicy(db: Db, orgId: number): OrgPolicy {
  const row = sql(db, 'SELECT policy FROM orgs WHERE id = ?').get(orgId) as { policy: string } | undefined;
  if (row === undefined) throw new Error(`No org ${orgId}`);
  return orgPolicySchema.parse(JSON.parse(row.policy));
}

export function setOrgPolicy(db: Db, orgId: number, policy: OrgPolicy): void {
  sql(db, 'UPDATE orgs SET policy = ? WHERE id = ?').run(JSON.stringify(policy), orgId);
}

/**
 * The next change number of the org's feed. Called only inside a write transaction: SQLite has one writer at a
 * time, so numbers are handed out in commit order and a reader never sees seq 10 before seq 9.
 */
export function nextSeq(db: Db, orgId: number): number {
  const row = sql(db, 'UPDATE orgs SET feed_seq = feed_seq + 1 WHERE id = ? RETURNING feed_seq').get(orgId) as
    | { feed_seq: number }
    | undefined;
  if (row === undefined) throw new Error(`No org ${orgId}`);
  return row.feed_seq;
}

export interface FeedState {
  /** The last change number handed out. */
  head: number;
  /** Tombstones at or below this were pruned: a cursor below it may have missed a delete. */
  floor: number;
}

export function feedState(db: Db, orgId: number): FeedState {
  return sql(db, 'SELECT feed_seq AS head, feed_floor AS floor FROM orgs WHERE id = ?').get(orgId) as FeedState;
}

import type { Db } from './open';
import { sql } from './statements';

/** A kept payload as re-classification walks them; `body` only for a raw message that was not pruned. */
export interface PayloadRow {
  id: number;
  orgId: number;
  source: string;
  receivedAt: number;
  prunedAt: number | null;
  body: Buffer | null;
}

/** Payloads after `afterId` in id order, of one org or all; bodies are read only where they are needed. */
export function payloadPage(db: Db, where: { afterId: number; orgId: number | null; limit: number }): PayloadRow[] {
  return sql(
    db,
    `SELECT id, org_id AS orgId, source, received_at AS receivedAt, pruned_at AS prunedAt,
       CASE WHEN source = 'dsn' AND pruned_at IS NULL THEN body END AS body
     FROM raw_payloads WHERE id > @afterId AND (@orgId IS NULL OR org_id = @orgId) ORDER BY id LIMIT @limit`,
  ).all(where) as PayloadRow[];
}

/**
 * Empties the bodies of payloads received before `cutoff` and marks them pruned. The row stays: its key keeps a
 * re-delivery idempotent and bounce_events.raw_payload_id points to it.
 */
export function pruneRawPayloads(db: Db, cutoff: number, now: number): number {
  return sql(
    db,
    `UPDATE raw_payloads SET body = X'', pruned_at = ? WHERE pruned_at IS NULL AND received_at < ?`,
  ).run(now, cutoff).changes;
}

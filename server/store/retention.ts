import { deleteEmailsSentBefore } from '../db/emails';
import type { Db } from '../db/open';
import { sql } from '../db/statements';

const DAY_MS = 86_400_000;

export interface RetentionSettings {
  emailLogDays: number;
  tombstoneDays: number;
}

export interface RetentionResult {
  emailsDeleted: number;
  tombstonesPruned: number;
}

/**
 * The email log keeps 14 days (architecture.md); suppressions outlive it. Old tombstones go too, and the org's feed
 * floor rises past them, so a client whose cursor predates them gets 410 and resyncs instead of missing a delete.
 */
export function runRetention(db: Db, now: number, settings: RetentionSettings): RetentionResult {
  const emailCutoff = now - settings.emailLogDays * DAY_MS;
  const tombstoneCutoff = now - settings.tombstoneDays * DAY_MS;
  return db
    .transaction((): RetentionResult => {
      const emailsDeleted = deleteEmailsSentBefore(db, emailCutoff);
      sql(
        db,
        `UPDATE orgs SET feed_floor = max(feed_floor, pruned.seq)
         FROM (SELECT org_id, max(seq) AS seq FROM tombstones WHERE deleted_at < ? GROUP BY org_id) AS pruned
         WHERE orgs.id = pruned.org_id`,
      ).run(tombstoneCutoff);
      const tombstonesPruned = sql(db, 'DELETE FROM tombstones WHERE deleted_at < ?').run(tombstoneCutoff).changes;
      return { emailsDeleted, tombstonesPruned };
    })
    .immediate();
}

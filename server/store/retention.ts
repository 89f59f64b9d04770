import { z } from 'zod';
import { RAW_RETENTION_DAYS } from '../config';
import { deleteEmailsSentBefore } from '../db/emails';
import type { Db } from '../db/open';
import { pruneRawPayloads } from '../db/payloads';
import { sql } from '../db/statements';

const DAY_MS = 86_400_000;

export const retentionSettingsSchema = z.object({
  emailLogDays: z.number().int().min(1),
  tombstoneDays: z.number().int().min(1),
  /** 0: raw payloads keep their bodies forever. */
  rawPayloadDays: z.number().int().min(0).default(RAW_RETENTION_DAYS),
});
export type RetentionSettings = z.input<typeof retentionSettingsSchema>;

export interface RetentionResult {
  emailsDeleted: number;
  tombstonesPruned: number;
  payloadsPruned: number;
}

/**
 * The email log keeps 14 days (architecture.md); suppressions outlive it. Old tombstones go too, and the org's feed
 * floor rises past them, so a client whose cursor predates them gets 410 and resyncs instead of missing a delete.
 * Raw payloads lose their bodies after `rawPayloadDays` (server/README.md "Raw payloads": a DSN quotes the bounced
 * mail, and re-classification is worth weeks, not years, of keeping it).
 */
export function runRetention(db: Db, now: number, input: RetentionSettings): RetentionResult {
  const settings = retentionSettingsSchema.parse(input);
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
      const payloadsPruned =
        settings.rawPayloadDays === 0 ? 0 : pruneRawPayloads(db, now - settings.rawPayloadDays * DAY_MS, now);
      return { emailsDeleted, tombstonesPruned, payloadsPruned };
    })
    .immediate();
}

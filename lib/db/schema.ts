import Dexie, { type EntityTable } from 'dexie';
import { z } from 'zod';
import type { Suppression } from '../api/suppression';

export const DB_NAME = 'bounce-guard';

/**
 * Every schema version ever shipped, oldest first. A shipped entry is never edited: a change is a new entry
 * (with `upgrade` when rows must be rewritten) and a fixture of the previous version in test/unit/db/fixtures.
 */
export const schemaVersions = [
  {
    version: 1,
    stores: {
      suppressions: 'address, lastBounceAt, seq',
      domains: 'domain, count, lastSentAt',
      syncState: 'key',
    },
  },
] as const;

/** A recipient domain this user sent to; learned locally and never uploaded. */
export const domainRowSchema = z.object({
  domain: z.string().min(1).max(253),
  count: z.number().int().positive(),
  lastSentAt: z.number().int().nonnegative(),
});
export type DomainRow = z.infer<typeof domainRowSchema>;

/** Key-value state of the sync feed (cursor, last run); values are validated by whoever reads them. */
export interface SyncStateRow {
  key: string;
  value: unknown;
}

export class BounceGuardDb extends Dexie {
  // `declare`: a class field would overwrite the tables Dexie defines in its constructor.
  declare suppressions: EntityTable<Suppression, 'address'>;
  declare domains: EntityTable<DomainRow, 'domain'>;
  declare syncState: EntityTable<SyncStateRow, 'key'>;

  constructor(name: string = DB_NAME) {
    super(name);
    for (const { version, stores } of schemaVersions) this.version(version).stores(stores);
  }
}

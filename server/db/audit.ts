import type { Db } from './open';
import { sql } from './statements';

export interface AuditEntry {
  orgId: number;
  /** Null when an operator acted through the CLI. */
  userId: number | null;
  action: 'unbounce' | 'import' | 'reclassify';
  address: string | null;
  reason: string | null;
  /** What was changed, e.g. the row an unbounce removed. */
  detail: unknown;
}

export function audit(db: Db, entry: AuditEntry, now: number): void {
  sql(
    db,
    `INSERT INTO audit_log (org_id, user_id, action, address, reason, detail, at)
     VALUES (@orgId, @userId, @action, @address, @reason, @detail, @now)`,
  ).run({ ...entry, detail: JSON.stringify(entry.detail), now });
}

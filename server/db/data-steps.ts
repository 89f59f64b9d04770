import { canonicalizeRawPayloads } from '../store/canonical-payloads';
import type { Db } from './open';

/**
 * What a migration needs beyond SQL (SQLite has no SHA-256), by the migration's name (`NNN-name.sql` without
 * number and extension, so a renumbered file keeps its step). `migrate` runs a step right after its SQL, in the
 * same transaction and before the version bump: a failed step leaves the file at the previous version. Like the
 * SQL files, a shipped step is never changed; it sees the schema of its own migration.
 */
export const dataSteps: Readonly<Record<string, (db: Db) => void>> = {
  'raw-payloads': canonicalizeRawPayloads,
};

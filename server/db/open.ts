import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { dataSteps } from './data-steps';

export type Db = Database.Database;

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * `NNN-name.sql`, in order; a shipped file is never edited, a change is the next number. A migration may have a
 * data step in TypeScript (server/db/data-steps.ts) under its name.
 */
export function migrations(): Migration[] {
  const list = readdirSync(migrationsDir)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(path.join(migrationsDir, file), 'utf8'),
    }));
  list.forEach((migration, i) => {
    if (migration.version !== i + 1) throw new Error(`Migration numbers must run 1, 2, 3…: ${migration.name}`);
  });
  const orphan = Object.keys(dataSteps).find((name) => !list.some((migration) => migration.name === name));
  if (orphan !== undefined) throw new Error(`Data step ${orphan} has no migration of that name`);
  return list;
}

/**
 * Opens (creating) a database file, or `:memory:`, and brings it to the newest schema. WAL lets the CLI write
 * while the server runs; busy_timeout makes either side wait for the other's short write instead of failing.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable in WAL mode except for the last commits before a power cut (never corrupt).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Applies every migration above the file's `user_version`, each in its own transaction with its data step and its
 * version bump.
 * The version is read again inside the write lock, so a server and a CLI starting together migrate once.
 */
export function migrate(db: Db): void {
  const all = migrations();
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > all.length) {
    throw new Error(`Database schema ${version()} is newer than this server's (${all.length})`);
  }
  for (const migration of all) {
    db.transaction(() => {
      if (version() >= migration.version) return;
      db.exec(migration.sql);
      dataSteps[migration.name]?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

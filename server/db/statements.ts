import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const prepared = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement for this database, compiled once per connection (hot paths run them per event and row). */
export function sql(db: Db, text: string): Statement {
  let cache = prepared.get(db);
  if (cache === undefined) prepared.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (statement === undefined) cache.set(text, (statement = db.prepare(text)));
  return statement;
}

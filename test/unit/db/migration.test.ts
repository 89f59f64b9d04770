import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BounceGuardDb, DB_NAME, bounceGuardDb, frequentDomains, lookupAddresses, schemaVersions } from '@/lib/db';
import { buildV1Database, deleteDatabase, v1Rows, v1Stores } from './fixtures/v1';

// One fixture per schema version ever shipped; each must open under the current schema with its rows intact.
const fixtures = [{ version: 1, build: buildV1Database, rows: v1Rows }];
const currentVersion = schemaVersions[schemaVersions.length - 1]?.version;

describe('database schema', () => {
  afterEach(async () => {
    bounceGuardDb().close({ disableAutoOpen: false });
    await deleteDatabase(DB_NAME);
  });

  it('keeps version 1 as shipped (a change is a new version, not an edit)', () => {
    expect(schemaVersions[0]).toEqual({ version: 1, stores: v1Stores });
  });

  it('has a fixture for every version before the current one', () => {
    expect(fixtures.map((f) => f.version)).toEqual(schemaVersions.map((v) => v.version));
  });

  it.each(fixtures)('opens a v$version database with the current schema; rows survive', async ({ build, rows }) => {
    await build('migration-fixture');
    const db = new BounceGuardDb('migration-fixture');
    await db.open();
    try {
      expect(db.verno).toBe(currentVersion);
      expect(await db.suppressions.orderBy('address').toArray()).toEqual(
        [...rows.suppressions].sort((a, b) => a.address.localeCompare(b.address)),
      );
      expect(await db.domains.toArray()).toEqual(rows.domains);
      expect(await db.syncState.toArray()).toEqual(rows.syncState);
      // The indexes the queries use still answer.
      expect(await db.suppressions.where('lastBounceAt').above(1_700_050_000_000).primaryKeys()).toEqual([
        'full@example.org',
      ]);
    } finally {
      db.close();
      await deleteDatabase('migration-fixture');
    }
  });

  it('serves a v1 database through the exported functions', async () => {
    await buildV1Database(DB_NAME);
    const facts = await lookupAddresses(['Jan@Example.com', 'nobody@example.com']);
    expect(facts).toEqual([v1Rows.suppressions[0]]);
    expect(await frequentDomains(10)).toEqual(v1Rows.domains);
  });
});

import { describe, expect, it } from 'vitest';
import { suppressionSchema } from '../../lib/api/suppression';
import { syncPageSchema, type SyncChange } from '../../lib/api/sync';
import { resendIfOwnersChanged } from '../../server/db/suppressions';
import { runRetention } from '../../server/store/retention';
import { DAY, START, event, ingest, testServer, verdicts, type TestServer, type TestUser } from './helpers';

function bounceMany(server: TestServer, orgId: number, addresses: string[]) {
  for (const recipient of addresses) ingest(server, orgId, [[event({ recipient }), verdicts.hard]]);
}

/** Follows the feed from `cursor` to its end, as the extension does, checking every page against the contract. */
async function syncAll(server: TestServer, as: TestUser, limit: number, cursor = '0') {
  const pages: SyncChange[][] = [];
  for (;;) {
    const response = await server.call(`/v1/sync?cursor=${cursor}&limit=${limit}`, { as });
    expect(response.status).toBe(200);
    const page = syncPageSchema.parse(response.body);
    pages.push(page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return { pages, cursor };
  }
}

/** What a client holds after applying pages in order (putSuppressions / deleteSuppressions). */
function apply(pages: SyncChange[][], start = new Map<string, unknown>()) {
  for (const change of pages.flat()) {
    if (change.op === 'put') start.set(change.row.address, change.row);
    else start.delete(change.address);
  }
  return start;
}

describe('GET /v1/sync', () => {
  it('pages from zero through puts and tombstones, in seq order, each address once', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const addresses = Array.from({ length: 10 }, (_, i) => `a${i}@x.test`);
    bounceMany(server, admin.orgId, addresses);
    for (const address of ['a2@x.test', 'a5@x.test']) {
      await server.call(`/v1/suppressions/${address}`, { as: admin, method: 'DELETE', json: { reason: 'fixed' } });
    }
    bounceMany(server, admin.orgId, ['a5@x.test']); // bounced again after its unbounce

    const { pages, cursor } = await syncAll(server, admin, 3);
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    const seqs = pages.flat().map((change) => (change.op === 'put' ? change.row.seq : change.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(pages.flat().map((c) => (c.op === 'put' ? c.row.address : c.address))).size).toBe(10);
    expect(pages.flat().filter((c) => c.op === 'delete')).toEqual([{ op: 'delete', address: 'a2@x.test', seq: 11 }]);
    const local = apply(pages);
    expect([...local.keys()].sort()).toEqual(addresses.filter((a) => a !== 'a2@x.test').sort());

    // Nothing new: an empty page with the same cursor.
    const idle = await server.call(`/v1/sync?cursor=${cursor}`, { as: admin });
    expect(idle.body).toEqual({ changes: [], nextCursor: cursor, hasMore: false });
  });

  it('brings an up-to-date client the later changes only', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    bounceMany(server, admin.orgId, ['a@x.test', 'b@x.test']);
    const first = await syncAll(server, admin, 100);
    await server.call('/v1/suppressions/a@x.test', { as: admin, method: 'DELETE', json: { reason: 'typo fixed' } });
    ingest(server, admin.orgId, [[event({ recipient: 'b@x.test' }), verdicts.soft], [event({ recipient: 'c@x.test' }), verdicts.soft]]);
    const next = await syncAll(server, admin, 100, first.cursor);
    expect(next.pages.flat()).toMatchObject([
      { op: 'delete', address: 'a@x.test' },
      { op: 'put', row: { address: 'b@x.test', bounceCount: 2, class: 'hard' } },
      { op: 'put', row: { address: 'c@x.test', bounceCount: 1, suppressed: false } },
    ]);
    expect([...apply(next.pages, apply(first.pages)).keys()].sort()).toEqual(['b@x.test', 'c@x.test']);
  });

  it('answers 410 for a cursor older than the kept tombstones, and for one from another feed', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    bounceMany(server, admin.orgId, ['a@x.test', 'b@x.test']);
    await server.call('/v1/suppressions/a@x.test', { as: admin, method: 'DELETE', json: { reason: 'fixed' } });
    const stale = '1'; // seen a@x.test's put, not its delete
    expect((await server.call(`/v1/sync?cursor=${stale}`, { as: admin })).status).toBe(200);
    server.advance(91 * DAY);
    runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 });
    const gone = await server.call(`/v1/sync?cursor=${stale}`, { as: admin });
    expect(gone).toMatchObject({ status: 410, body: { error: expect.stringContaining('sync again') } });
    // From zero still works, and so does a cursor at or past the pruned tombstone.
    expect((await server.call('/v1/sync?cursor=0', { as: admin })).body.changes).toHaveLength(1);
    expect((await server.call('/v1/sync?cursor=3', { as: admin })).status).toBe(200);
    expect((await server.call('/v1/sync?cursor=99', { as: admin })).status).toBe(410);
  });

  it('answers 304 to If-None-Match until the feed changes', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    bounceMany(server, admin.orgId, ['a@x.test']);
    const first = await server.call('/v1/sync', { as: admin });
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await server.call('/v1/sync', { as: admin, headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    bounceMany(server, admin.orgId, ['b@x.test']);
    const changed = await server.call('/v1/sync', { as: admin, headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });

  it.each(['cursor=abc', 'cursor=-1', 'limit=0', 'limit=5001', 'limit=ten'])('answers 400 for %s', async (query) => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const response = await server.call(`/v1/sync?${query}`, { as: admin });
    expect(response.status).toBe(400);
    expect(response.body.issues.length).toBeGreaterThan(0);
  });

  it('shows each org only its own list, with `own` computed for the requesting user', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const other = server.user('Globex', 'boss@globex.test', 'admin');
    bounceMany(server, ana.orgId, ['acme-only@x.test']);
    bounceMany(server, other.orgId, ['globex-only@x.test']);
    const addresses = async (as: TestUser) =>
      (await server.call('/v1/sync', { as })).body.changes.map((c: { row: { address: string } }) => c.row.address);
    expect(await addresses(ana)).toEqual(['acme-only@x.test']);
    expect(await addresses(other)).toEqual(['globex-only@x.test']);
  });
});

describe('GET /v1/sync rows (JSON built by SQLite)', () => {
  it('carries exactly the contract’s fields, with text escaped, nulls and booleans as JSON', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const diagnostic = 'smtp; 550 "Jörg" \\ <jörg@x.test>\n\tunknown \u2028 😀 \u0001';
    ingest(server, admin.orgId, [[event({ recipient: 'jörg@x.test', status: null, diagnostic }), verdicts.hard]]);
    const page = await server.call('/v1/sync', { as: admin });
    const [change] = syncPageSchema.parse(page.body).changes;
    expect(change?.op).toBe('put');
    const row = page.body.changes[0].row;
    expect(Object.keys(row).sort()).toEqual(Object.keys(suppressionSchema.shape).sort());
    expect(row).toEqual({
      address: 'jörg@x.test',
      class: 'hard',
      reason: 'userunknown',
      status: null,
      diagnostic,
      source: 'ses',
      bounceCount: 1,
      firstBounceAt: START,
      lastBounceAt: START,
      suppressed: true,
      own: false,
      seq: 1,
    });
    // The list endpoint reads the same JSON.
    expect((await server.call('/v1/suppressions', { as: admin })).body.items).toEqual([row]);
  });
});

describe('owners (`own`) kept with the events', () => {
  it('re-sends a row whose events changed owner while its state stayed, and only then', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    bounceMany(server, ana.orgId, ['x@y.test']);
    const own = async () => (await server.call('/v1/sync', { as: ana })).body.changes[0].row;
    expect(await own()).toMatchObject({ own: false, seq: 1 });
    const nextSeq = () => Number(server.db.prepare('UPDATE orgs SET feed_seq = feed_seq + 1 RETURNING feed_seq').pluck().get());

    // As re-classification or a late link can: the counted event turns out to answer Ana's mail.
    server.db.prepare('UPDATE bounce_events SET sender_user_id = ?').run(ana.id);
    expect(resendIfOwnersChanged(server.db, ana.orgId, 'x@y.test', nextSeq)).toBe(true);
    expect(await own()).toMatchObject({ own: true, seq: 2 });
    expect(resendIfOwnersChanged(server.db, ana.orgId, 'x@y.test', nextSeq)).toBe(false);

    server.db.prepare('UPDATE bounce_events SET counted = 0').run();
    expect(resendIfOwnersChanged(server.db, ana.orgId, 'x@y.test', nextSeq)).toBe(true);
    expect(await own()).toMatchObject({ own: false, seq: 3 });
    expect(resendIfOwnersChanged(server.db, ana.orgId, 'nobody@y.test', nextSeq)).toBe(false);
  });
});

describe('GET /v1/sync ETag', () => {
  it('never matches a tag from another cursor’s page (a client that stopped mid-run gets its next page)', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    bounceMany(server, admin.orgId, ['a@x.test', 'b@x.test']);
    const first = await server.call('/v1/sync?limit=1', { as: admin });
    const etag = first.headers.get('ETag') ?? '';
    const next = await server.call(`/v1/sync?limit=1&cursor=${first.body.nextCursor}`, { as: admin, headers: { 'If-None-Match': etag } });
    expect(next.status).toBe(200);
    expect(next.body.changes).toMatchObject([{ row: { address: 'b@x.test' } }]);
  });
});

import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { SyncChange, SyncPage } from '@/lib/api/sync';
import { bounceGuardDb, getSyncState, importAddresses, lookupAddresses } from '@/lib/db';
import { pullChanges } from '@/lib/sync/pull';
import { z } from 'zod';
import { suppressionRow } from '../db/fixtures/rows';

const connection = { serverUrl: 'http://127.0.0.1:8787', token: 'bg_test_token' };

/**
 * A sync feed as the server serves it, in memory: `log` is the change history, a cursor is an index into it,
 * `oldest` is the first cursor still served (older ones get 410), ETag = the cursor of the log's end.
 */
function feed(log: SyncChange[], { pageSize = 2, oldest = 0 } = {}) {
  const requests: { cursor: string; ifNoneMatch: string | null; auth: string | null }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const cursor = url.searchParams.get('cursor') ?? '0';
    requests.push({ cursor, ifNoneMatch: headers.get('If-None-Match'), auth: headers.get('Authorization') });
    if (headers.get('Authorization') !== `Bearer ${connection.token}`) {
      return Response.json({ error: 'unknown token' }, { status: 401 });
    }
    const from = Number(cursor);
    if (from < oldest && from !== 0) return Response.json({ error: 'cursor too old' }, { status: 410 });
    const etag = `"${log.length}"`;
    if (headers.get('If-None-Match') === etag) return new Response(null, { status: 304 });
    const changes = log.slice(from, from + pageSize);
    const next = from + changes.length;
    const page: SyncPage = { changes, nextCursor: String(next), hasMore: next < log.length };
    return Response.json(page, { headers: { ETag: etag } });
  }) as typeof fetch;
  return { fetchImpl, requests };
}

const put = (address: string, extra: Parameters<typeof suppressionRow>[0] = {}): SyncChange => ({
  op: 'put',
  row: suppressionRow({ address, ...extra }),
});

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all(bounceGuardDb().tables.map((table) => table.clear()));
});

describe('pullChanges', () => {
  it('syncs from zero page by page, storing rows and the cursor, announcing nothing old as new', async () => {
    const server = feed([put('a@example.com', { own: true }), put('b@example.com'), put('c@example.com')]);
    const result = await pullChanges(connection, server.fetchImpl);
    expect(result).toEqual({ ok: true, pages: 2, changes: 3, newOwnBounces: [] });
    expect((await lookupAddresses(['a@example.com', 'b@example.com', 'c@example.com'])).length).toBe(3);
    expect(await getSyncState('sync.cursor', z.string())).toBe('3');
    expect(server.requests.map((r) => r.cursor)).toEqual(['0', '2']);
  });

  it('applies later pages: a new bounce of my own mail is news, a tombstone removes the row', async () => {
    const log = [put('a@example.com'), put('b@example.com')];
    const server = feed(log);
    await pullChanges(connection, server.fetchImpl);
    log.push(put('me@example.com', { own: true, lastBounceAt: 1_800_000_000_000 }), {
      op: 'delete',
      address: 'a@example.com',
      seq: 9,
    });
    const result = await pullChanges(connection, server.fetchImpl);
    expect(result.ok && result.newOwnBounces.map((row) => row.address)).toEqual(['me@example.com']);
    expect((await lookupAddresses(['a@example.com', 'me@example.com'])).map((row) => row.address)).toEqual([
      'me@example.com',
    ]);
  });

  it('asks with the last ETag and changes nothing on 304', async () => {
    const server = feed([put('a@example.com')]);
    await pullChanges(connection, server.fetchImpl);
    const result = await pullChanges(connection, server.fetchImpl);
    expect(result).toEqual({ ok: true, pages: 0, changes: 0, newOwnBounces: [] });
    expect(server.requests.at(-1)?.ifNoneMatch).toBe('"1"');
  });

  it('on 410 drops the server rows, keeps the user’s own entries, and resyncs from zero', async () => {
    const log = [put('gone@example.com'), put('kept@example.com')];
    const first = feed(log);
    await pullChanges(connection, first.fetchImpl);
    await importAddresses(['mine@example.com'], 1);
    // The server compacted its history: the stored cursor (2) is now too old, and gone@ was unbounced long ago.
    const compacted = feed([put('kept@example.com'), put('new@example.com'), put('x@example.com')], {
      oldest: 3,
      pageSize: 10,
    });
    const result = await pullChanges(connection, compacted.fetchImpl);
    expect(result.ok).toBe(true);
    const rows = await lookupAddresses(['gone@example.com', 'kept@example.com', 'new@example.com', 'mine@example.com']);
    expect(rows.map((row) => row.address).sort()).toEqual(['kept@example.com', 'mine@example.com', 'new@example.com']);
    expect(compacted.requests.map((r) => r.cursor)).toEqual(['2', '0']);
  });

  it('gives up when even a sync from the start is refused', async () => {
    const result = await pullChanges(connection, (async () => new Response(null, { status: 410 })) as typeof fetch);
    expect(result).toMatchObject({ ok: false, retryable: true });
  });

  it.each([
    ['a malformed page', () => Response.json({ changes: [{ op: 'put', row: { address: 'x' } }], nextCursor: '1', hasMore: false }), true],
    ['a server error', () => Response.json({ error: 'database is locked' }, { status: 503 }), true],
    ['a rejected token', () => Response.json({ error: 'unknown token' }, { status: 401 }), false],
    ['a network failure', () => Promise.reject(new TypeError('fetch failed')), true],
  ])('reports %s and writes nothing', async (_name, answer, retryable) => {
    const result = await pullChanges(connection, (async () => answer()) as typeof fetch);
    expect(result).toMatchObject({ ok: false, retryable });
    expect(await bounceGuardDb().suppressions.count()).toBe(0);
    expect(await getSyncState('sync.cursor', z.string())).toBeUndefined();
  });
});

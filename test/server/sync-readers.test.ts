import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inThreadReader, threadReaders, type SyncReader } from '../../server/sync/readers';
import { event, ingest, testServer, verdicts } from './helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server on a database file with a few bounces, and reader threads on the same file. */
function withThreads(size: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-readers-'));
  const file = path.join(dir, 'bg.sqlite');
  const server = testServer({}, { file });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => void server.db.close());
  const admin = server.user('Acme', 'boss@acme.test', 'admin');
  for (let i = 0; i < 30; i++) ingest(server, admin.orgId, [[event({ recipient: `p${i}@x.test` }), verdicts.hard]]);
  const threads = threadReaders(file, size);
  cleanups.push(() => threads.close());
  return { server, admin, threads, inThread: inThreadReader(server.db) };
}

describe('sync reader threads', () => {
  it('answer as the event loop does: pages, 304 for a matching tag, 410 for a cursor past the head', async () => {
    const { admin, threads, inThread } = withThreads(2);
    const base = { orgId: admin.orgId, userId: admin.id, limit: 7 };
    const requests = [
      { ...base, cursor: 0 },
      { ...base, cursor: 12 },
      { ...base, cursor: 999 },
      { ...base, cursor: 0, ifNoneMatch: `W/"30.0.${admin.id}.0.7"` },
    ];
    const answers = async (reader: SyncReader) => Promise.all(requests.map((request) => reader.answer(request)));
    const fromThreads = await answers(threads);
    expect(fromThreads).toEqual(await answers(inThread));
    expect(fromThreads.map((answer) => (answer.gone ? 410 : answer.body === undefined ? 304 : 200))).toEqual([200, 200, 410, 304]);
  });

  it('see what the server commits after they started, and answer many requests at once', async () => {
    const { server, admin, threads } = withThreads(2);
    ingest(server, admin.orgId, [[event({ recipient: 'late@x.test' }), verdicts.hard]]);
    const pages = await Promise.all(
      Array.from({ length: 40 }, (_, i) => threads.answer({ orgId: admin.orgId, userId: admin.id, cursor: i, limit: 1 })),
    );
    const addresses = pages.map((answer) => (answer.gone ? null : JSON.parse(answer.body ?? '{}').changes[0]?.row.address));
    // Cursor 31 is the head (an empty page); past it, 410.
    expect(addresses.slice(0, 32)).toEqual([...Array.from({ length: 30 }, (_, i) => `p${i}@x.test`), 'late@x.test', undefined]);
    expect(pages.slice(32).every((answer) => answer.gone)).toBe(true);
  });

  it('fail one request with its error and go on answering', async () => {
    const { admin, threads } = withThreads(1);
    await expect(threads.answer({ orgId: 4242, userId: admin.id, cursor: 0, limit: 5 })).rejects.toThrow(Error);
    await expect(threads.answer({ orgId: admin.orgId, userId: admin.id, cursor: 0, limit: 5 })).resolves.toMatchObject({ gone: false });
  });
});

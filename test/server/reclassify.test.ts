import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli';
import { storeRawPayload } from '../../server/db/events';
import { importSuppressions } from '../../server/store/import';
import { runRetention } from '../../server/store/retention';
import { count, DAY, event, ingest, START, testServer, verdicts, type TestServer, type TestUser } from './helpers';

/** `reclassify` run as the CLI runs it, on a database file that a server (the test's connection) has open. */

const eml = (name: string) => readFileSync(new URL(`../fixtures/bounces/maildir/bsd/${name}.eml`, import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function fileServer(): TestServer & { file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-reclassify-'));
  const file = path.join(dir, 'bg.sqlite');
  const server = testServer({}, { file });
  cleanups.push(() => {
    server.db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { ...server, file };
}

async function reclassify(server: { file: string }, ...args: string[]) {
  const lines: Record<string, any>[] = [];
  const errors: Record<string, any>[] = [];
  const code = await runCli(['reclassify', '--db', server.file, ...args], {}, (l) => lines.push(l), (l) => errors.push(l));
  return { code, errors, changes: lines.filter((line) => !('summary' in line)), summary: lines.at(-1)?.summary };
}

const postDsn = (server: TestServer, admin: TestUser, raw: Buffer) =>
  server.call('/v1/inbound/dsn', { as: admin, method: 'POST', body: raw as unknown as string, headers: { 'Content-Type': 'message/rfc822' } });

const row = (server: TestServer, address: string) =>
  server.db.prepare('SELECT class, reason, bounce_count AS count, suppressed, seq FROM suppressions WHERE address = ?').get(address) as
    | { class: string; reason: string; count: number; suppressed: number; seq: number }
    | undefined;

/** Everything reclassify may write, to show a run changed nothing. */
const snapshot = (server: TestServer) => ({
  events: server.db.prepare('SELECT * FROM bounce_events ORDER BY id').all(),
  rows: server.db.prepare('SELECT * FROM suppressions ORDER BY id').all(),
  tombstones: server.db.prepare('SELECT * FROM tombstones ORDER BY seq').all(),
  orgs: server.db.prepare('SELECT * FROM orgs ORDER BY id').all(),
});

/** What an older classifier said of a DSN's recipient: the event and the row it made, as ingest wrote them. */
function misread(server: TestServer, address: string, verdict: { class: string; reason: string; suppressed: boolean }) {
  server.db.prepare('UPDATE bounce_events SET class = ?, reason = ?, hard = 0 WHERE address = ?').run(verdict.class, verdict.reason, address);
  server.db
    .prepare('UPDATE suppressions SET class = ?, reason = ?, suppressed = ? WHERE address = ?')
    .run(verdict.class, verdict.reason, verdict.suppressed ? 1 : 0, address);
}

describe('cli reclassify', () => {
  it('re-reads a kept DSN, updates the misread event and rebuilds its row under a new seq; --dry-run changes nothing', async () => {
    const server = fileServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    await postDsn(server, admin, eml('lhost-postfix-13'));
    misread(server, 'kijitora@example.jp', { class: 'block', reason: 'spamdetected', suppressed: false });
    const before = snapshot(server);

    const dry = await reclassify(server, '--dry-run');
    expect(dry.code).toBe(0);
    expect(snapshot(server)).toEqual(before);

    const run = await reclassify(server);
    expect(run.changes).toEqual(dry.changes);
    expect(run.changes).toEqual([
      {
        eventId: expect.stringMatching(/^[0-9a-f]{64}$/),
        address: 'kijitora@example.jp',
        before: expect.objectContaining({ kind: 'bounce', class: 'block', reason: 'spamdetected', hard: false, counted: true }),
        after: expect.objectContaining({ kind: 'bounce', class: 'hard', reason: 'userunknown', hard: true, counted: true }),
      },
    ]);
    expect(dry.summary).toMatchObject({ dryRun: true, payloads: 1, events: 2, changed: 1, suppressionsUpdated: 1 });
    expect(run.summary).toEqual({
      dryRun: false, payloads: 1, pruned: 0, events: 2, changed: 1, added: 0, notReported: 0,
      suppressionsUpdated: 1, suppressionsDeleted: 0, suppressionsKept: [],
    });
    const head = before.orgs[0] as { feed_seq: number };
    expect(row(server, 'kijitora@example.jp')).toEqual({ class: 'hard', reason: 'userunknown', count: 1, suppressed: 1, seq: head.feed_seq + 1 });
    // The running server's sync feed carries the rebuilt row.
    const feed = await server.call(`/v1/sync?cursor=${head.feed_seq}`, { as: admin });
    expect(feed.body.changes.map((c: { row: { address: string; suppressed: boolean } }) => [c.row.address, c.row.suppressed])).toEqual([
      ['kijitora@example.jp', true],
    ]);

    // A second run finds nothing left to change.
    expect(await reclassify(server)).toMatchObject({ changes: [], summary: { changed: 0, suppressionsUpdated: 0 } });
  });

  it('re-runs the ESP engine over a webhook event’s codes; a row its events no longer count for is deleted', async () => {
    const server = fileServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, admin.orgId, [
      [event({ recipient: 'gone@x.test', status: '5.1.1', diagnostic: '550 5.1.1 user unknown' }), verdicts.soft],
      [event({ recipient: 'fine@x.test', status: '2.0.0', replyCode: '250', diagnostic: '250 2.0.0 OK delivered' }), verdicts.soft],
    ]);
    const run = await reclassify(server);
    expect(run.changes.map((c) => [c.address, c.before.class, c.after.class, c.after.counted])).toEqual([
      ['gone@x.test', 'soft', 'hard', true],
      ['fine@x.test', 'soft', 'ignore', false],
    ]);
    expect(row(server, 'gone@x.test')).toMatchObject({ class: 'hard', suppressed: 1 });
    expect(row(server, 'fine@x.test')).toBeUndefined();
    expect(server.db.prepare('SELECT address FROM tombstones').all()).toEqual([{ address: 'fine@x.test' }]);
    expect(run.summary).toMatchObject({ changed: 2, suppressionsUpdated: 1, suppressionsDeleted: 1 });
  });

  it('restates the email log from the re-read events and audits each row it rebuilt or deleted', async () => {
    const server = fileServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const mail = { clientId: 'mail-0001', subject: 'Invoice', sentAt: START - 60_000, recipients: ['gone@x.test', 'fine@x.test'] };
    expect((await server.call('/v1/emails', { as: ana, method: 'POST', json: mail })).status).toBe(201);
    ingest(server, ana.orgId, [
      [event({ recipient: 'gone@x.test', status: '5.1.1', diagnostic: '550 5.1.1 user unknown' }), verdicts.soft],
      [event({ recipient: 'fine@x.test', status: '2.0.0', replyCode: '250', diagnostic: '250 2.0.0 OK delivered' }), verdicts.soft],
    ]);
    const statuses = () => server.db.prepare('SELECT address, status FROM email_recipients ORDER BY address').all();
    expect(statuses()).toEqual([
      { address: 'fine@x.test', status: 'bounced' },
      { address: 'gone@x.test', status: 'bounced' },
    ]);

    await reclassify(server);
    // fine@x.test's "bounce" was a delivery report misread: nothing stands against that recipient any more.
    expect(statuses()).toEqual([
      { address: 'fine@x.test', status: 'sent' },
      { address: 'gone@x.test', status: 'bounced' },
    ]);
    const audits = server.db.prepare("SELECT user_id, address, detail FROM audit_log WHERE action = 'reclassify' ORDER BY address").all() as {
      user_id: number | null;
      address: string;
      detail: string;
    }[];
    expect(audits.map((entry) => ({ ...entry, detail: JSON.parse(entry.detail) }))).toEqual([
      { user_id: null, address: 'fine@x.test', detail: { row: 'deleted', events: [{ eventId: expect.any(String), before: 'mailboxfull', after: expect.any(String) }] } },
      { user_id: null, address: 'gone@x.test', detail: { row: 'rebuilt', events: [{ eventId: expect.any(String), before: 'mailboxfull', after: 'userunknown' }] } },
    ]);
  });

  it('keeps an unbounced event cleared and a row its events do not explain, naming it', async () => {
    const server = fileServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, admin.orgId, [
      [event({ recipient: 'unbounced@x.test', diagnostic: '550 5.1.1 user unknown' }), verdicts.soft],
      [event({ recipient: 'imported@x.test', diagnostic: '550 5.1.1 user unknown' }), verdicts.block],
    ]);
    await server.call('/v1/suppressions/unbounced@x.test', { as: admin, method: 'DELETE', json: { reason: 'fixed' } });
    // An import listed the address before its bounce came: the row is more than its one event.
    server.db.prepare("DELETE FROM suppressions WHERE address = 'imported@x.test'").run();
    importSuppressions(server.db, admin.orgId, [{ address: 'imported@x.test', class: 'manual', reason: 'manual', status: null, diagnostic: null, source: 'manual', at: START - DAY }], { file: 'x', format: 'lines' }, START);
    const rowBefore = row(server, 'imported@x.test');

    const run = await reclassify(server);
    expect(run.changes.map((c) => c.address)).toEqual(['unbounced@x.test', 'imported@x.test']);
    expect(server.db.prepare('SELECT address, class, cleared_at IS NOT NULL AS cleared FROM bounce_events ORDER BY id').all()).toEqual([
      { address: 'unbounced@x.test', class: 'hard', cleared: 1 },
      { address: 'imported@x.test', class: 'hard', cleared: 0 },
    ]);
    expect(row(server, 'unbounced@x.test')).toBeUndefined();
    expect(row(server, 'imported@x.test')).toEqual(rowBefore);
    expect(run.summary).toMatchObject({ changed: 2, suppressionsUpdated: 0, suppressionsKept: ['imported@x.test'] });
  });

  it('records the recipients of a kept message nobody could read before, as ingest would', async () => {
    const server = fileServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    server.db.transaction(() => storeRawPayload(server.db, admin.orgId, 'dsn', eml('lhost-qmail-01'), START - DAY))();
    expect((await reclassify(server, '--dry-run')).summary).toMatchObject({ added: 1 });
    expect(count(server.db, 'bounce_events')).toBe(0);

    const run = await reclassify(server);
    expect(run.changes).toEqual([
      { eventId: expect.any(String), address: 'kijitora@example.ne.jp', before: null, after: expect.objectContaining({ class: 'hard', reason: 'userunknown' }) },
    ]);
    expect(server.db.prepare('SELECT occurred_at AS at FROM bounce_events').get()).toEqual({ at: START - DAY });
    expect(row(server, 'kijitora@example.ne.jp')).toMatchObject({ class: 'hard', suppressed: 1, count: 1 });
    // Its event id is ingest's: the same message posted now is a known one.
    expect((await postDsn(server, admin, eml('lhost-qmail-01'))).body).toEqual({ received: 1, inserted: 0, duplicates: 1 });
  });

  it('skips pruned messages and other orgs with --org, and refuses an unknown org', async () => {
    const server = fileServer();
    const acme = server.user('Acme', 'boss@acme.test', 'admin');
    const globex = server.user('Globex', 'boss@globex.test', 'admin');
    await postDsn(server, acme, eml('lhost-postfix-13'));
    await postDsn(server, globex, eml('lhost-postfix-13'));
    misread(server, 'kijitora@example.jp', { class: 'block', reason: 'spamdetected', suppressed: false });
    server.advance(31 * DAY);
    runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90, rawPayloadDays: 30 });
    server.db.prepare("UPDATE raw_payloads SET pruned_at = NULL, body = ? WHERE org_id = ?").run(eml('lhost-postfix-13'), globex.orgId);

    const run = await reclassify(server, '--org', 'Acme');
    expect(run.summary).toMatchObject({ payloads: 1, pruned: 1, events: 0, changed: 0 });
    const globexRun = await reclassify(server, '--org', 'Globex');
    expect(globexRun.summary).toMatchObject({ payloads: 1, pruned: 0, events: 2, changed: 1 });
    expect(server.db.prepare("SELECT org_id, class FROM bounce_events WHERE address = 'kijitora@example.jp' ORDER BY org_id").all()).toEqual([
      { org_id: acme.orgId, class: 'block' },
      { org_id: globex.orgId, class: 'hard' },
    ]);
    expect(await reclassify(server, '--org', 'Nobody')).toMatchObject({ code: 1, errors: [{ error: 'No org named Nobody' }] });
  });
});

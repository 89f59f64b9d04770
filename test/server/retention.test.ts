import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseServerConfig } from '../../server/config';
import { runRetention } from '../../server/store/retention';
import { count, DAY, event, ingest, START, testServer, verdicts, type TestServer, type TestUser } from './helpers';

const dsn = readFileSync(new URL('../fixtures/bounces/maildir/bsd/lhost-qmail-01.eml', import.meta.url));
const postDsn = (server: TestServer, admin: TestUser) =>
  server.call('/v1/inbound/dsn', { as: admin, method: 'POST', body: dsn as unknown as string, headers: { 'Content-Type': 'message/rfc822' } });
const payloads = (server: TestServer) =>
  server.db.prepare('SELECT source, length(body) AS bytes, pruned_at AS prunedAt FROM raw_payloads ORDER BY id').all();

describe('runRetention', () => {
  it('deletes the email log after 14 days; suppressions and whose bounce it was outlive it', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    for (const [clientId, sentAt] of [['old-mail', START - 15 * DAY], ['new-mail', START - 13 * DAY]] as const) {
      await server.call('/v1/emails', { as: ana, method: 'POST', json: { clientId, subject: clientId, sentAt, recipients: [`${clientId}@x.test`] } });
    }
    ingest(server, ana.orgId, [[event({ recipient: 'old-mail@x.test', occurredAt: START - 15 * DAY + 1000 }), verdicts.hard]]);
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toEqual({ emailsDeleted: 1, tombstonesPruned: 0, payloadsPruned: 0 });
    expect(server.db.prepare('SELECT subject FROM emails').all()).toEqual([{ subject: 'new-mail' }]);
    expect(count(server.db, 'email_recipients')).toBe(1);
    expect(server.db.prepare('SELECT email_id, sender_user_id FROM bounce_events').get()).toEqual({ email_id: null, sender_user_id: ana.id });
    const feed = await server.call('/v1/sync', { as: ana });
    expect(feed.body.changes[0].row).toMatchObject({ address: 'old-mail@x.test', own: true, suppressed: true });
    // Running again finds nothing more.
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toEqual({ emailsDeleted: 0, tombstonesPruned: 0, payloadsPruned: 0 });
  });

  it('prunes tombstones after their time and raises each org’s feed floor past them', async () => {
    const server = testServer();
    const acme = server.user('Acme', 'boss@acme.test', 'admin');
    const globex = server.user('Globex', 'boss@globex.test', 'admin');
    for (const who of [acme, globex]) {
      ingest(server, who.orgId, [[event({ recipient: 'a@x.test' }), verdicts.hard], [event({ recipient: 'b@x.test' }), verdicts.hard]]);
      await server.call('/v1/suppressions/a@x.test', { as: who, method: 'DELETE', json: { reason: 'fixed' } });
    }
    server.advance(30 * DAY);
    await server.call('/v1/suppressions/b@x.test', { as: acme, method: 'DELETE', json: { reason: 'fixed' } });
    server.advance(61 * DAY);
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toEqual({ emailsDeleted: 0, tombstonesPruned: 2, payloadsPruned: 2 });
    const floors = server.db.prepare('SELECT name, feed_seq AS head, feed_floor AS floor FROM orgs ORDER BY id').all();
    expect(floors).toEqual([
      { name: 'Acme', head: 4, floor: 3 },
      { name: 'Globex', head: 3, floor: 3 },
    ]);
    expect(server.db.prepare('SELECT org_id, address FROM tombstones').all()).toEqual([{ org_id: acme.orgId, address: 'b@x.test' }]);
  });

  it('empties raw payloads older than rawPayloadDays, keeping the row, its key and its events', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, admin.orgId, [[event({ recipient: 'esp@x.test' }), verdicts.hard]], '{"webhook":"payload"}');
    await postDsn(server, admin);
    server.advance(20 * DAY);
    ingest(server, admin.orgId, [[event({ recipient: 'later@x.test' }), verdicts.hard]], '{"webhook":"later"}');
    server.advance(11 * DAY);
    const settings = { emailLogDays: 14, tombstoneDays: 90, rawPayloadDays: 30 };
    expect(runRetention(server.db, server.now(), settings)).toMatchObject({ payloadsPruned: 2 });
    expect(payloads(server)).toEqual([
      { source: 'ses', bytes: 0, prunedAt: server.now() },
      { source: 'dsn', bytes: 0, prunedAt: server.now() },
      { source: 'ses', bytes: 19, prunedAt: null },
    ]);
    expect(count(server.db, 'bounce_events')).toBe(3);
    // The key outlives the body: the same bounce posted again is still known, and stays pruned.
    expect((await postDsn(server, admin)).body).toEqual({ received: 1, inserted: 0, duplicates: 1 });
    expect(count(server.db, 'raw_payloads')).toBe(3);
    server.advance(DAY);
    expect(runRetention(server.db, server.now(), settings)).toMatchObject({ payloadsPruned: 0 });
    expect(payloads(server)).toContainEqual({ source: 'dsn', bytes: 0, prunedAt: server.now() - DAY });
  });

  it('keeps every body with rawPayloadDays 0, and prunes after 30 days by default', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    await postDsn(server, admin);
    server.advance(400 * DAY);
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90, rawPayloadDays: 0 })).toMatchObject({ payloadsPruned: 0 });
    expect(payloads(server)).toEqual([{ source: 'dsn', bytes: dsn.byteLength, prunedAt: null }]);
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toMatchObject({ payloadsPruned: 1 });
  });
});

describe('raw payload retention setting', () => {
  it.each([
    [{}, {}, 30],
    [{ BOUNCE_GUARD_RAW_RETENTION_DAYS: '7' }, {}, 7],
    [{ BOUNCE_GUARD_RAW_RETENTION_DAYS: '7' }, { rawRetentionDays: '0' }, 0],
  ])('env %j, flags %j → %i days', (env, flags, days) => {
    expect(parseServerConfig(env, flags).data?.rawRetentionDays).toBe(days);
  });

  it.each(['-1', '1.5', 'forever'])('refuses %s', (value) => {
    expect(parseServerConfig({ BOUNCE_GUARD_RAW_RETENTION_DAYS: value }, {}).success).toBe(false);
  });
});

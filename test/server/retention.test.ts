import { describe, expect, it } from 'vitest';
import { runRetention } from '../../server/store/retention';
import { count, DAY, event, ingest, START, testServer, verdicts } from './helpers';

describe('runRetention', () => {
  it('deletes the email log after 14 days; suppressions and whose bounce it was outlive it', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    for (const [clientId, sentAt] of [['old-mail', START - 15 * DAY], ['new-mail', START - 13 * DAY]] as const) {
      await server.call('/v1/emails', { as: ana, method: 'POST', json: { clientId, subject: clientId, sentAt, recipients: [`${clientId}@x.test`] } });
    }
    ingest(server, ana.orgId, [[event({ recipient: 'old-mail@x.test', occurredAt: START - 15 * DAY + 1000 }), verdicts.hard]]);
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toEqual({ emailsDeleted: 1, tombstonesPruned: 0 });
    expect(server.db.prepare('SELECT subject FROM emails').all()).toEqual([{ subject: 'new-mail' }]);
    expect(count(server.db, 'email_recipients')).toBe(1);
    expect(server.db.prepare('SELECT email_id, sender_user_id FROM bounce_events').get()).toEqual({ email_id: null, sender_user_id: ana.id });
    const feed = await server.call('/v1/sync', { as: ana });
    expect(feed.body.changes[0].row).toMatchObject({ address: 'old-mail@x.test', own: true, suppressed: true });
    // Running again finds nothing more.
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toEqual({ emailsDeleted: 0, tombstonesPruned: 0 });
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
    expect(runRetention(server.db, server.now(), { emailLogDays: 14, tombstoneDays: 90 })).toEqual({ emailsDeleted: 0, tombstonesPruned: 2 });
    const floors = server.db.prepare('SELECT name, feed_seq AS head, feed_floor AS floor FROM orgs ORDER BY id').all();
    expect(floors).toEqual([
      { name: 'Acme', head: 4, floor: 3 },
      { name: 'Globex', head: 3, floor: 3 },
    ]);
    expect(server.db.prepare('SELECT org_id, address FROM tombstones').all()).toEqual([{ org_id: acme.orgId, address: 'b@x.test' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { createWebhook } from '../../server/db/webhooks';
import { count, testServer } from './helpers';
import { fixtureJson, mailgunBody, mailgunKey } from './ingest/helpers';

/** The ingest engineer's routes mounted by createApp, writing through the real store and classifier. */

const events = fixtureJson<Record<string, Record<string, unknown>>>('esp/mailgun-events.json');

function setup() {
  const server = testServer();
  const acme = server.user('Acme', 'boss@acme.test', 'admin');
  const globex = server.user('Globex', 'boss@globex.test', 'admin');
  const settings = { signingKey: mailgunKey, maxAgeSeconds: 900 };
  const acmeHook = createWebhook(server.db, { orgId: acme.orgId, provider: 'mailgun', settings }, server.now());
  const globexHook = createWebhook(server.db, { orgId: globex.orgId, provider: 'mailgun', settings }, server.now());
  const deliver = (hook: string, event: unknown) =>
    server.call(`/v1/webhooks/mailgun/${hook}`, {
      method: 'POST',
      body: mailgunBody(event, mailgunKey, Math.floor(server.now() / 1000)),
      headers: { 'Content-Type': 'application/json' },
    });
  return { server, acme, globex, acmeHook, globexHook, deliver };
}

describe('/v1/webhooks', () => {
  it('stores a signed ESP bounce for the webhook’s org, classified by lib/bounces, once', async () => {
    const { server, acme, globex, acmeHook, deliver } = setup();
    const response = await deliver(acmeHook, events.permanent);
    expect(response).toMatchObject({ status: 200, body: { received: 1, inserted: 1, duplicates: 0 } });
    const sync = await server.call('/v1/sync', { as: acme });
    expect(sync.body.changes).toMatchObject([
      { op: 'put', row: { address: 'nobody@example.com', class: 'hard', reason: 'userunknown', source: 'mailgun', suppressed: true } },
    ]);
    expect((await server.call('/v1/sync', { as: globex })).body.changes).toEqual([]);
    // Mailgun retries with a fresh token: the event id is the same, nothing changes.
    expect((await deliver(acmeHook, events.permanent)).body).toMatchObject({ inserted: 0, duplicates: 1 });
    expect((await server.call(`/v1/sync?cursor=${sync.body.nextCursor}`, { as: acme })).body.changes).toEqual([]);
  });

  it('records an "already suppressed" echo without counting it', async () => {
    const { server, acmeHook, deliver } = setup();
    expect((await deliver(acmeHook, events.suppressed)).status).toBe(200);
    expect(server.db.prepare('SELECT kind, counted FROM bounce_events').all()).toEqual([{ kind: 'suppressed-echo', counted: 0 }]);
    expect(count(server.db, 'suppressions')).toBe(0);
  });

  it('answers 404 for an unknown webhook id and stores nothing', async () => {
    const { server, deliver } = setup();
    expect((await deliver('no-such-webhook', events.permanent)).status).toBe(404);
    expect(count(server.db, 'raw_payloads')).toBe(0);
  });
});

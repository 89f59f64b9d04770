import { describe, expect, it } from 'vitest';
import { count, event, ingest, START, testServer, verdicts } from './helpers';

async function setup() {
  const server = testServer();
  const boss = server.user('Acme', 'boss@acme.test', 'admin');
  const ana = server.user('Acme', 'ana@acme.test');
  const bob = server.user('Acme', 'bob@acme.test');
  const other = server.user('Globex', 'boss@globex.test', 'admin');
  // Ana wrote to jan (hard bounce) and to spam@ (complaint); Bob to li (hard bounce).
  for (const [who, to] of [[ana, 'jan@example.com'], [ana, 'spam@x.test'], [bob, 'li@x.test']] as const) {
    await server.call('/v1/emails', { as: who, method: 'POST', json: { clientId: `c-${to}`, subject: 's', sentAt: START - 1000, recipients: [to] } });
  }
  ingest(server, ana.orgId, [
    [event({ recipient: 'jan@example.com' }), verdicts.hard],
    [event({ recipient: 'spam@x.test', kind: 'complaint' }), null],
    [event({ recipient: 'li@x.test' }), verdicts.hard],
  ]);
  return { server, boss, ana, bob, other };
}

const unbounce = (reason = 'the address works again') => ({ method: 'DELETE', json: { reason } });

describe('DELETE /v1/suppressions/{address}', () => {
  it('removes the row, writes a tombstone into the feed and an audit entry (who, when, why)', async () => {
    const { server, ana } = await setup();
    server.advance(60_000);
    const response = await server.call('/v1/suppressions/Jan%40Example.com', { as: ana, ...unbounce('typo in the CRM, fixed') });
    expect(response).toMatchObject({ status: 200, body: { address: 'jan@example.com', seq: 4 } });
    expect(server.db.prepare("SELECT count(*) AS n FROM suppressions WHERE address = 'jan@example.com'").get()).toEqual({ n: 0 });
    const audit = server.db.prepare('SELECT user_id, action, address, reason, detail, at FROM audit_log').get() as Record<string, unknown>;
    expect(audit).toMatchObject({ user_id: ana.id, action: 'unbounce', address: 'jan@example.com', reason: 'typo in the CRM, fixed', at: START + 60_000 });
    expect(JSON.parse(audit.detail as string)).toMatchObject({ class: 'hard', reason: 'userunknown', bounceCount: 1 });
    const feed = await server.call('/v1/sync?cursor=3', { as: ana });
    expect(feed.body.changes).toEqual([{ op: 'delete', address: 'jan@example.com', seq: 4 }]);
  });

  it('starts the count over: old soft bounces do not add up with new ones', async () => {
    const { server, boss } = await setup();
    for (let i = 0; i < 3; i++) ingest(server, boss.orgId, [[event({ recipient: 'full@x.test' }), verdicts.soft]]);
    await server.call('/v1/suppressions/full@x.test', { as: boss, ...unbounce() });
    ingest(server, boss.orgId, [[event({ recipient: 'full@x.test' }), verdicts.soft]]);
    const row = await server.call('/v1/suppressions?q=full', { as: boss });
    expect(row.body.items[0]).toMatchObject({ bounceCount: 1, suppressed: false });
  });

  it('lets a member unbounce only addresses that bounced on their own mail, never a complaint', async () => {
    const { server, ana, bob, boss } = await setup();
    expect((await server.call('/v1/suppressions/li@x.test', { as: ana, ...unbounce() })).status).toBe(403);
    expect((await server.call('/v1/suppressions/spam@x.test', { as: ana, ...unbounce() })).status).toBe(403);
    expect((await server.call('/v1/suppressions/li@x.test', { as: bob, ...unbounce() })).status).toBe(200);
    expect((await server.call('/v1/suppressions/spam@x.test', { as: boss, ...unbounce() })).status).toBe(200);
    expect(count(server.db, 'audit_log')).toBe(2);
  });

  it('answers 404 for another org’s address and for one not listed, changing nothing', async () => {
    const { server, other } = await setup();
    const response = await server.call('/v1/suppressions/jan@example.com', { as: other, ...unbounce() });
    expect(response).toMatchObject({ status: 404 });
    expect((await server.call('/v1/suppressions/nobody@x.test', { as: other, ...unbounce() })).status).toBe(404);
    expect(count(server.db, 'suppressions')).toBe(3);
    expect(count(server.db, 'tombstones')).toBe(0);
  });

  it('needs a reason (400) and a token (401)', async () => {
    const { server, boss } = await setup();
    const noReason = await server.call('/v1/suppressions/jan@example.com', { as: boss, method: 'DELETE', json: { reason: '  ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toEqual(['reason']);
    expect((await server.call('/v1/suppressions/jan@example.com', { ...unbounce() })).status).toBe(401);
    expect(count(server.db, 'suppressions')).toBe(3);
  });
});

describe('GET /v1/suppressions', () => {
  it('lists the org’s addresses by address, paged, with search and filters, without senders or subjects', async () => {
    const { server, ana, other } = await setup();
    const page1 = await server.call('/v1/suppressions?limit=2', { as: ana });
    expect(page1.body.items.map((r: { address: string }) => r.address)).toEqual(['jan@example.com', 'li@x.test']);
    expect(Object.keys(page1.body.items[0]).sort()).toEqual(
      ['address', 'bounceCount', 'class', 'diagnostic', 'firstBounceAt', 'lastBounceAt', 'own', 'reason', 'seq', 'source', 'status', 'suppressed'],
    );
    expect(page1.body.items.map((r: { own: boolean }) => r.own)).toEqual([true, false]);
    const page2 = await server.call(`/v1/suppressions?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`, { as: ana });
    expect(page2.body).toMatchObject({ items: [{ address: 'spam@x.test' }], nextCursor: null });
    const search = await server.call('/v1/suppressions?q=EXAMPLE', { as: ana });
    expect(search.body.items.map((r: { address: string }) => r.address)).toEqual(['jan@example.com']);
    const complaints = await server.call('/v1/suppressions?class=complaint', { as: ana });
    expect(complaints.body.items).toHaveLength(1);
    const percent = await server.call('/v1/suppressions?q=%25', { as: ana });
    expect(percent.body.items).toHaveLength(0);
    expect((await server.call('/v1/suppressions', { as: other })).body.items).toEqual([]);
  });
});

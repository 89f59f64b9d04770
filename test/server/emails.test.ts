import { describe, expect, it } from 'vitest';
import { emailListSchema } from '../../lib/api/emails';
import { count, DAY, event, ingest, START, testServer, verdicts } from './helpers';

const mail = (fields: Record<string, unknown> = {}) => ({
  clientId: `send-${Math.random().toString(36).slice(2)}`,
  subject: 'Invoice 42',
  sentAt: START,
  recipients: ['jan@example.com'],
  ...fields,
});

describe('POST /v1/emails', () => {
  it('logs a sent mail once per clientId (a retry answers 200 with the same id)', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const body = mail({ clientId: 'client-0001', messageId: '<abc@acme.test>', recipients: ['Jan <Jan@Example.com>', 'jan@example.com', 'li@x.test'] });
    const first = await server.call('/v1/emails', { as: ana, method: 'POST', json: body });
    expect(first).toMatchObject({ status: 201, body: { id: 1, created: true } });
    const retry = await server.call('/v1/emails', { as: ana, method: 'POST', json: body });
    expect(retry).toMatchObject({ status: 200, body: { id: 1, created: false } });
    expect(server.db.prepare('SELECT address FROM email_recipients ORDER BY address').all()).toEqual([
      { address: 'jan@example.com' },
      { address: 'li@x.test' },
    ]);
    expect(server.db.prepare('SELECT message_id FROM emails').get()).toEqual({ message_id: 'abc@acme.test' });
  });

  it.each([
    ['malformed JSON', '{"clientId": "abc', 'The body is not valid JSON', undefined],
    ['wrong types', JSON.stringify(mail({ sentAt: 'yesterday' })), 'The body does not match the schema', ['sentAt']],
    ['missing fields', JSON.stringify({ clientId: 'client-0001' }), 'The body does not match the schema', ['subject']],
    ['an empty recipient list', JSON.stringify(mail({ recipients: [] })), 'The body does not match the schema', ['recipients']],
    ['a recipient that is not an address', JSON.stringify(mail({ recipients: ['ok@x.test', 'a, b, c'] })), 'The body does not match the schema', ['recipients', 1]],
  ])('answers 400 for %s and stores nothing', async (_, body, error, path) => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const response = await server.call('/v1/emails', { as: ana, method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe(error);
    if (path) expect(response.body.issues.map((issue: { path: unknown }) => issue.path)).toContainEqual(path);
    expect(count(server.db, 'emails')).toBe(0);
  });

  it('answers 413 for a body over the limit and stores nothing', async () => {
    const server = testServer({ bodyLimitBytes: 2048 });
    const ana = server.user('Acme', 'ana@acme.test');
    const response = await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ subject: 'x'.repeat(990), recipients: Array.from({ length: 200 }, (_, i) => `r${i}@x.test`) }) });
    expect(response).toMatchObject({ status: 413, body: { error: 'The body is too large' } });
    expect(count(server.db, 'emails')).toBe(0);
  });
});

describe('bounces linked to the mail they answer', () => {
  it('links by Message-ID, marks the recipient bounced and makes the row the sender’s own', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const bob = server.user('Acme', 'bob@acme.test');
    await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ messageId: '<m1@acme.test>', sentAt: START - DAY }) });
    // Bob wrote to Jan later, but the bounce names Ana's Message-ID.
    await server.call('/v1/emails', { as: bob, method: 'POST', json: mail({ sentAt: START - 60_000 }) });
    ingest(server, ana.orgId, [[event({ messageId: 'm1@acme.test' }), verdicts.hard]]);
    const sync = (as: typeof ana) => server.call('/v1/sync', { as }).then((r) => r.body.changes[0].row.own);
    expect(await sync(ana)).toBe(true);
    expect(await sync(bob)).toBe(false);
    const log = await server.call('/v1/emails?status=bounced', { as: ana });
    expect(log.body.emails).toHaveLength(1);
    expect(log.body.emails[0].recipients[0]).toEqual({
      address: 'jan@example.com',
      status: 'bounced',
      bounce: { class: 'hard', reason: 'userunknown', at: START },
    });
  });

  it('links by recipient and time when there is no Message-ID: the latest mail sent before the bounce', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const bob = server.user('Acme', 'bob@acme.test');
    await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ sentAt: START - 2 * DAY }) });
    await server.call('/v1/emails', { as: bob, method: 'POST', json: mail({ sentAt: START - 3_600_000 }) });
    await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ sentAt: START + DAY }) });
    ingest(server, ana.orgId, [[event(), verdicts.hard]]);
    expect(server.db.prepare('SELECT sender_user_id AS sender FROM bounce_events').get()).toEqual({ sender: bob.id });
  });

  it('links a bounce that arrived before its mail was logged, and sends the row again for its new owner', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    ingest(server, ana.orgId, [[event({ occurredAt: START + 5000 }), verdicts.hard]]);
    const before = await server.call('/v1/sync', { as: ana });
    expect(before.body.changes[0].row.own).toBe(false);
    await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ sentAt: START }) });
    const after = await server.call(`/v1/sync?cursor=${before.body.nextCursor}`, { as: ana });
    expect(after.body.changes).toHaveLength(1);
    expect(after.body.changes[0].row).toMatchObject({ address: 'jan@example.com', own: true });
    const log = await server.call('/v1/emails', { as: ana });
    expect(log.body.emails[0].recipients[0].status).toBe('bounced');
  });

  it('moves a recipient’s state only forward', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ recipients: ['a@x.test', 'b@x.test', 'c@x.test'] }) });
    const at = START + 1000;
    ingest(server, ana.orgId, [
      [event({ recipient: 'a@x.test', kind: 'deferred', occurredAt: at }), null],
      [event({ recipient: 'a@x.test', kind: 'delivery', occurredAt: at }), null],
      [event({ recipient: 'b@x.test', kind: 'complaint', occurredAt: at }), null],
      [event({ recipient: 'b@x.test', kind: 'delivery', occurredAt: at }), null],
      [event({ recipient: 'c@x.test', kind: 'suppressed-echo', occurredAt: at }), null],
    ]);
    const log = await server.call('/v1/emails', { as: ana });
    expect(log.body.emails[0].recipients.map((r: { status: string }) => r.status)).toEqual(['delivered', 'complained', 'bounced']);
  });
});

describe('GET /v1/emails', () => {
  it('shows admins the org’s mail and members only their own, never another org’s', async () => {
    const server = testServer();
    const boss = server.user('Acme', 'boss@acme.test', 'admin');
    const ana = server.user('Acme', 'ana@acme.test');
    const bob = server.user('Acme', 'bob@acme.test');
    const other = server.user('Globex', 'boss@globex.test', 'admin');
    for (const [who, subject] of [[ana, 'from ana'], [bob, 'from bob'], [other, 'from globex']] as const) {
      await server.call('/v1/emails', { as: who, method: 'POST', json: mail({ subject }) });
    }
    const subjects = async (as: typeof ana) => {
      const response = await server.call('/v1/emails', { as });
      emailListSchema.parse(response.body);
      return response.body.emails.map((e: { subject: string }) => e.subject);
    };
    expect(await subjects(boss)).toEqual(['from bob', 'from ana']);
    expect(await subjects(ana)).toEqual(['from ana']);
    expect(await subjects(bob)).toEqual(['from bob']);
    expect(await subjects(other)).toEqual(['from globex']);
  });

  it('pages newest first, filters by status and shows 14 days', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    for (let i = 0; i < 5; i++) {
      await server.call('/v1/emails', { as: ana, method: 'POST', json: mail({ subject: `m${i}`, sentAt: START - (4 - i) * 5 * DAY, recipients: [`r${i}@x.test`] }) });
    }
    // m0 was sent 20 days ago, m1 15 days ago: outside the log.
    const first = await server.call('/v1/emails?limit=2', { as: ana });
    expect(first.body.emails.map((e: { subject: string }) => e.subject)).toEqual(['m4', 'm3']);
    const second = await server.call(`/v1/emails?limit=2&cursor=${first.body.nextCursor}`, { as: ana });
    expect(second.body).toMatchObject({ emails: [{ subject: 'm2' }], nextCursor: null });
    ingest(server, ana.orgId, [[event({ recipient: 'r3@x.test' }), verdicts.soft]]);
    const bounced = await server.call('/v1/emails?status=bounced', { as: ana });
    expect(bounced.body.emails.map((e: { subject: string }) => e.subject)).toEqual(['m3']);
    expect((await server.call('/v1/emails?status=lost', { as: ana })).status).toBe(400);
  });
});

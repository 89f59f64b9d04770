import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inboundResultSchema } from '../../lib/api/inbound';
import { answeredMessageId } from '../../server/inbound/answered';
import { count, DAY, START, testServer, type TestServer, type TestUser } from './helpers';

const eml = (name: string) => readFileSync(new URL(`../fixtures/bounces/maildir/bsd/${name}.eml`, import.meta.url));

function post(server: TestServer, as: TestUser | undefined, body: Uint8Array | string, type = 'message/rfc822') {
  return server.call('/v1/inbound/dsn', { as, method: 'POST', body: body as string, headers: { 'Content-Type': type } });
}

const rows = (server: TestServer) =>
  server.db.prepare('SELECT address, class, reason, suppressed, bounce_count AS bounces FROM suppressions ORDER BY address').all();

describe('POST /v1/inbound/dsn', () => {
  it('classifies a raw bounce with lib/bounces and applies policy per recipient, once', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const first = await post(server, admin, eml('lhost-postfix-13'));
    expect(first.status).toBe(200);
    expect(inboundResultSchema.parse(first.body)).toEqual({ received: 2, inserted: 2, duplicates: 0 });
    expect(rows(server)).toEqual([
      { address: 'kijitora@example.jp', class: 'hard', reason: 'userunknown', suppressed: 1, bounces: 1 },
      { address: 'noraneko@example.jp', class: 'soft', reason: 'mailboxfull', suppressed: 0, bounces: 1 },
    ]);
    const again = await post(server, admin, eml('lhost-postfix-13'));
    expect(again.body).toEqual({ received: 2, inserted: 0, duplicates: 2 });
    expect(count(server.db, 'raw_payloads')).toBe(1);
    const raw = server.db.prepare('SELECT source, body FROM raw_payloads').get() as { source: string; body: Buffer };
    expect(raw.source).toBe('dsn');
    expect(Buffer.compare(raw.body, eml('lhost-postfix-13'))).toBe(0);
  });

  it('links the bounce to the logged mail by the Message-ID in the returned headers', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    await server.call('/v1/emails', {
      as: ana,
      method: 'POST',
      json: { clientId: 'client-0001', messageId: '<20150213024748.CEEDB20C16@2jo.example.jp>', subject: 'Hi', sentAt: START - 30 * DAY, recipients: ['kijitora@example.jp', 'noraneko@example.jp'] },
    });
    // Matching by recipient and time cannot find it (its send time is put outside the window): only the Message-ID can.
    server.db.prepare('UPDATE emails SET sent_at = ?').run(START - DAY);
    server.db.prepare('UPDATE email_recipients SET sent_at = ?').run(START - 30 * DAY);
    await post(server, admin, eml('lhost-postfix-13'));
    const log = await server.call('/v1/emails', { as: ana });
    expect(log.body.emails[0].recipients.map((r: { status: string }) => r.status)).toEqual(['bounced', 'bounced']);
    const feed = await server.call('/v1/sync', { as: ana });
    expect(feed.body.changes.map((c: { row: { own: boolean } }) => c.row.own)).toEqual([true, true]);
  });

  it('suppresses a complaint report and records an auto-reply without counting it', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    await post(server, admin, eml('arf-01'));
    await post(server, admin, eml('rfc3834-01'));
    expect(rows(server)).toEqual([{ address: 'redacted@example.net', class: 'complaint', reason: 'feedback', suppressed: 1, bounces: 1 }]);
    expect(count(server.db, 'bounce_events')).toBe(2);
  });

  it('keeps a message it cannot read yet, for re-classification', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const plain = 'From: a@x.test\r\nTo: b@x.test\r\nSubject: lunch?\r\n\r\nAre you free today?\r\n';
    expect((await post(server, admin, plain)).body).toEqual({ received: 0, inserted: 0, duplicates: 0 });
    expect(count(server.db, 'raw_payloads')).toBe(1);
    expect(count(server.db, 'suppressions')).toBe(0);
  });

  it('refuses members (403), other types (415), no token (401), empty (400) and oversize (413) bodies', async () => {
    const server = testServer({ messageLimitBytes: 4096 });
    const member = server.user('Acme', 'ana@acme.test');
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    expect((await post(server, member, eml('lhost-postfix-04'))).status).toBe(403);
    expect((await post(server, admin, eml('lhost-postfix-04'), 'application/json')).status).toBe(415);
    expect((await post(server, undefined, eml('lhost-postfix-04'))).status).toBe(401);
    expect((await post(server, admin, '')).status).toBe(400);
    expect((await post(server, admin, 'x'.repeat(5000))).status).toBe(413);
    expect(count(server.db, 'bounce_events')).toBe(0);
  });
});

describe('answeredMessageId', () => {
  it.each([
    ['In-Reply-To on the bounce', 'From: MAILER-DAEMON\r\nIn-Reply-To: <orig@a.test>\r\nMessage-ID: <dsn@b.test>\r\n\r\nbody\r\n', 'orig@a.test'],
    ['a folded In-Reply-To', 'In-Reply-To:\r\n <orig@a.test>\r\n\r\nbody', 'orig@a.test'],
    ['the returned headers', 'Message-ID: <dsn@b.test>\r\n\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-Id: <orig@a.test>\r\n', 'orig@a.test'],
    ['neither', 'Message-ID: <dsn@b.test>\r\n\r\nno headers returned', null],
  ])('reads %s', (_, text, expected) => {
    expect(answeredMessageId(text)).toBe(expected);
  });
});

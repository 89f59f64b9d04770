import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalMessage, payloadKey } from '../../server/db/payload-key';
import { noNotifier } from '../../server/notify/notifier';
import { startSmtpListener } from '../../server/smtp/listener';
import { count, DAY, testServer, type TestServer, type TestUser } from './helpers';

const eml = (name: string) => readFileSync(new URL(`../fixtures/bounces/maildir/bsd/${name}.eml`, import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('canonicalMessage', () => {
  it.each([
    ['LF', 'A: 1\nB: 2\n\nbody\n'],
    ['CRLF', 'A: 1\r\nB: 2\r\n\r\nbody\r\n'],
    ['mixed endings', 'A: 1\r\nB: 2\n\r\nbody\n'],
    ['no final line ending', 'A: 1\nB: 2\n\nbody'],
    ['trailing blank lines', 'A: 1\nB: 2\n\nbody\n\n\r\n'],
  ])('gives one form for %s', (_, text) => {
    expect(canonicalMessage(Buffer.from(text)).toString()).toBe('A: 1\r\nB: 2\r\n\r\nbody\r\n');
  });

  it('keeps bytes that are not UTF-8, and blank lines inside the message', () => {
    const raw = Buffer.concat([Buffer.from('Subject: x\n\n\n'), Buffer.from([0xe9, 0xff]), Buffer.from('\n')]);
    expect([...canonicalMessage(raw)]).toEqual([...Buffer.from('Subject: x\r\n\r\n\r\n'), 0xe9, 0xff, 0x0d, 0x0a]);
  });

  it('keys a raw message by that form and a webhook payload by its bytes', () => {
    const lf = Buffer.from('A: 1\n\nbody\n');
    const crlf = Buffer.from('A: 1\r\n\r\nbody\r\n');
    expect(payloadKey('dsn', lf)).toBe(payloadKey('dsn', crlf));
    expect(payloadKey('ses', lf)).toBe(sha256(lf));
    expect(payloadKey('ses', lf)).not.toBe(payloadKey('ses', crlf));
  });
});

async function listen(server: TestServer) {
  const listener = await startSmtpListener({
    db: server.db,
    now: server.now,
    emailLogMs: 14 * DAY,
    notifier: noNotifier,
    port: 0,
    sizeLimit: 1 << 20,
    log: () => {},
  });
  closers.push(listener.close);
  return listener.port;
}

/** The relay's way: nodemailer sends CRLF lines, dot-stuffed, and smtp-server unstuffs them. */
async function bySmtp(port: number, admin: TestUser, raw: Buffer) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'x', pass: admin.token } });
  return transport.sendMail({ envelope: { from: 'mailer-daemon@relay.test', to: ['bounces@bounce-guard.test'] }, raw });
}

const byHttp = (server: TestServer, admin: TestUser, raw: Buffer) =>
  server.call('/v1/inbound/dsn', { as: admin, method: 'POST', body: raw as unknown as string, headers: { 'Content-Type': 'message/rfc822' } });

const stored = (server: TestServer) => ({
  payloads: count(server.db, 'raw_payloads'),
  events: server.db.prepare('SELECT address, class, reason FROM bounce_events ORDER BY id').all(),
  rows: server.db.prepare('SELECT address, bounce_count AS bounces, suppressed FROM suppressions ORDER BY address').all(),
});

describe('one bounce by HTTP (LF) and by the SMTP listener (CRLF)', () => {
  // qmail-01 has lines that start with a dot (dot-stuffed on the wire); gmail-06 is a soft bounce, so a second
  // count would show; postfix-13 ends in a blank line and has two recipients.
  it.each(['lhost-qmail-01', 'lhost-gmail-06', 'lhost-postfix-13'])('is stored once: %s, HTTP first', async (name) => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const port = await listen(server);
    const file = eml(name);
    expect(file.includes('\r\n')).toBe(false);
    const first = await byHttp(server, admin, file);
    expect(first.body.inserted).toBeGreaterThan(0);
    const once = stored(server);

    const second = await bySmtp(port, admin, file);
    expect(second.response).toMatch(/Stored: 0 new/);
    expect(stored(server)).toEqual(once);
    expect(once.payloads).toBe(1);
    expect(once.rows).toEqual(expect.arrayContaining([expect.objectContaining({ bounces: 1 })]));
    expect((once.rows as { bounces: number }[]).every((row) => row.bounces === 1)).toBe(true);
    // The bytes kept are those of the first arrival, as received.
    const body = (server.db.prepare('SELECT body FROM raw_payloads').get() as { body: Buffer }).body;
    expect(Buffer.compare(body, file)).toBe(0);
  });

  it('is stored once the other way round; the listener’s CRLF bytes are what is kept', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const port = await listen(server);
    const file = eml('lhost-qmail-01');
    expect((await bySmtp(port, admin, file)).response).toMatch(/Stored: 1 new/);
    expect((await byHttp(server, admin, file)).body).toEqual({ received: 1, inserted: 0, duplicates: 1 });
    expect(stored(server)).toEqual({
      payloads: 1,
      events: [{ address: 'kijitora@example.ne.jp', class: 'hard', reason: 'userunknown' }],
      rows: [{ address: 'kijitora@example.ne.jp', bounces: 1, suppressed: 1 }],
    });
    const body = (server.db.prepare('SELECT body FROM raw_payloads').get() as { body: Buffer }).body;
    expect(body.includes('\r\n')).toBe(true);
    expect(Buffer.compare(canonicalMessage(body), canonicalMessage(file))).toBe(0);
  });

  it('still tells two different messages apart', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    await byHttp(server, admin, eml('lhost-gmail-06'));
    const edited = Buffer.from(eml('lhost-gmail-06').toString('latin1').replace('Subject:', 'Subject: Fwd:'), 'latin1');
    expect((await byHttp(server, admin, edited)).body.inserted).toBe(1);
    expect(stored(server).rows).toEqual([{ address: 'kijitora@example.jp', bounces: 2, suppressed: 0 }]);
  });
});

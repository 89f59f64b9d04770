import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseServerConfig, serverConfigSchema } from '../../server/config';
import { createNotifier, noNotifier, type Notifier } from '../../server/notify/notifier';
import { startSmtpListener } from '../../server/smtp/listener';
import { startServer } from '../../server/start';
import { count, DAY, START, testServer, type TestServer } from './helpers';
import { startMailSink } from './mail-sink';

const bounce = readFileSync(new URL('../fixtures/bounces/maildir/bsd/lhost-postfix-04.eml', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: TestServer, options: { sizeLimit?: number; notifier?: Notifier } = {}) {
  const lines: Record<string, unknown>[] = [];
  const listener = await startSmtpListener({
    db: server.db,
    now: server.now,
    emailLogMs: 14 * DAY,
    notifier: options.notifier ?? noNotifier,
    port: 0,
    sizeLimit: options.sizeLimit ?? 1 << 20,
    log: (line) => lines.push(line),
  });
  cleanups.push(listener.close);
  return { port: listener.port, lines };
}

/** What a mailbox rule's relay does: forwards the bounce as it is, authenticated with an admin's token. */
function forward(port: number, auth: { user: string; pass: string } | undefined, raw: Buffer | string = bounce) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth });
  return transport.sendMail({ envelope: { from: 'mailer-daemon@relay.test', to: ['bounces@bounce-guard.test'] }, raw });
}

const suppressions = (server: TestServer) => server.db.prepare('SELECT address, class, suppressed FROM suppressions').all();

describe('the SMTP listener', () => {
  it('stores a forwarded bounce for the token’s org, once however often it comes', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const { port, lines } = await listen(server);
    const sent = await forward(port, { user: 'anything', pass: admin.token });
    expect(sent.response).toMatch(/^250 .*Stored: 1 new/);
    expect(suppressions(server)).toEqual([{ address: 'kijitora@example.co.jp', class: 'hard', suppressed: 1 }]);
    expect(lines).toContainEqual({ event: 'smtp-message', orgId: admin.orgId, received: 1, inserted: 1, duplicates: 0 });

    const again = await forward(port, { user: 'anything', pass: admin.token });
    expect(again.response).toMatch(/Stored: 0 new, 1 known/);
    expect(count(server.db, 'bounce_events')).toBe(1);
    expect(count(server.db, 'raw_payloads')).toBe(1);
    expect(server.db.prepare('SELECT bounce_count AS n FROM suppressions').get()).toEqual({ n: 1 });
  });

  it.each([
    ['a wrong token', { user: 'anything', pass: 'bg_not-a-real-token' }, 535],
    ['a member’s token', 'member', 535],
    ['no AUTH', undefined, 530],
  ] as const)('rejects %s and stores nothing', async (_, auth, code) => {
    const server = testServer();
    server.user('Acme', 'boss@acme.test', 'admin');
    const member = server.user('Acme', 'ana@acme.test');
    const { port } = await listen(server);
    const credentials = auth === 'member' ? { user: 'ana', pass: member.token } : auth;
    await expect(forward(port, credentials)).rejects.toMatchObject({ responseCode: code });
    expect(count(server.db, 'bounce_events')).toBe(0);
    expect(count(server.db, 'raw_payloads')).toBe(0);
  });

  it('rejects a message over the size limit with 552', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const { port } = await listen(server, { sizeLimit: 1024 });
    await expect(forward(port, { user: 'x', pass: admin.token })).rejects.toMatchObject({ responseCode: 552 });
    expect(count(server.db, 'raw_payloads')).toBe(0);
  });

  it('feeds the notifier: a forwarded bounce of a member’s logged mail mails them', async () => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const ana = server.user('Acme', 'ana@acme.test');
    await server.call('/v1/me/notifications', { as: ana, method: 'PUT', json: { notify: 'both' } });
    await server.call('/v1/emails', {
      as: ana,
      method: 'POST',
      json: { clientId: 'client-0001', messageId: '<A8F82EDD-E518-4F5C-8C70-BC4EFF24AB9F@example.ne.jp>', subject: 'TEST', sentAt: START - 60_000, recipients: ['kijitora@example.co.jp'] },
    });
    const notifier = createNotifier({ db: server.db, now: server.now, smtpUrl: sink.url, from: 'bg@acme.test', log: () => {} });
    cleanups.push(() => notifier.close());
    const { port } = await listen(server, { notifier });
    await forward(port, { user: 'x', pass: admin.token });
    await notifier.idle();
    expect(sink.mails.map((mail) => mail.to)).toEqual([[ana.email]]);
    expect(sink.mails[0]?.raw).toContain('Subject: Bounced: kijitora@example.co.jp');
  });
});

describe('startServer with both SMTP settings', () => {
  it('listens for forwarded bounces and mails the sender through the relay', async () => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-smtp-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const config = serverConfigSchema.parse({ port: 0, db: path.join(dir, 'server.sqlite'), smtpListenPort: 0, smtpUrl: sink.url, mailFrom: 'bg@acme.test' });
    const logged: Record<string, unknown>[] = [];
    const running = await startServer(config, (line) => logged.push(line));
    cleanups.push(running.close);
    const token = logged.find((line) => line.event === 'first-start')?.token as string;
    expect(logged).toContainEqual({ event: 'smtp-listening', host: '127.0.0.1', port: running.smtpPort });
    const api = (route: string, method: string, json: unknown) =>
      fetch(`${running.url}${route}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
    expect((await api('/v1/me/notifications', 'PUT', { notify: 'email' })).status).toBe(200);
    const mail = { clientId: 'client-0001', messageId: '<A8F82EDD-E518-4F5C-8C70-BC4EFF24AB9F@example.ne.jp>', subject: 'TEST', sentAt: Date.now() - 60_000, recipients: ['kijitora@example.co.jp'] };
    expect((await api('/v1/emails', 'POST', mail)).status).toBe(201);
    await forward(running.smtpPort!, { user: 'admin', pass: token });
    await vi.waitFor(() => expect(sink.mails.map((m) => m.to)).toEqual([['admin@localhost']]));
  });
});

describe('SMTP settings', () => {
  it('come from BOUNCE_GUARD_* variables, and both features are off without them', () => {
    const off = parseServerConfig({}, {});
    expect(off.success && [off.data.smtpUrl, off.data.mailFrom, off.data.smtpListenPort]).toEqual([undefined, undefined, undefined]);
    const env = { BOUNCE_GUARD_SMTP_URL: 'smtp://127.0.0.1:2525', BOUNCE_GUARD_MAIL_FROM: 'bg@acme.test', BOUNCE_GUARD_SMTP_LISTEN_PORT: '2526' };
    expect(parseServerConfig(env, {}).data).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'bg@acme.test', smtpListenPort: 2526 });
  });

  it.each([
    ['a relay without a From', { smtpUrl: 'smtp://127.0.0.1:2525' }],
    ['an http URL', { smtpUrl: 'http://127.0.0.1:2525', mailFrom: 'bg@acme.test' }],
    ['a port out of range', { smtpListenPort: '70000' }],
  ])('refuse %s', (_, input) => {
    expect(serverConfigSchema.safeParse(input).success).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it } from 'vitest';
import type { BounceNotice } from '../../server/db/notifications';
import { noticeMail } from '../../server/notify/message';
import { createNotifier, type Notifier } from '../../server/notify/notifier';
import { count, DAY, event, ingest, START, testServer, verdicts, type TestServer, type TestUser } from './helpers';
import { createWebhook } from '../../server/db/webhooks';
import { fixtureJson, mailgunBody, mailgunKey } from './ingest/helpers';
import { deadSmtpUrl, startMailSink } from './mail-sink';

const bounce = readFileSync(new URL('../fixtures/bounces/maildir/bsd/lhost-postfix-04.eml', import.meta.url));
/** The Message-ID of the mail lhost-postfix-04 returns, to kijitora@example.co.jp. */
const bouncedMessageId = '<A8F82EDD-E518-4F5C-8C70-BC4EFF24AB9F@example.ne.jp>';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Ana's mail to kijitora@example.co.jp, the one lhost-postfix-04 returns; the same clientId each time. */
const logMail = (server: TestServer, ana: TestUser) =>
  server.call('/v1/emails', {
    as: ana,
    method: 'POST',
    json: { clientId: 'client-0001', messageId: bouncedMessageId, subject: 'Quarterly numbers', sentAt: START - 3_600_000, recipients: ['kijitora@example.co.jp'] },
  });

/**
 * A server whose notifier mails through `smtpUrl`, with an admin and a member who logged the mail that bounces
 * (unless `logged` is false: the extension has not reported it yet).
 */
async function setup(smtpUrl: string, notify: string, { logged = true } = {}) {
  let notifier: Notifier | undefined;
  const lines: Record<string, unknown>[] = [];
  const server: TestServer = testServer({}, {
    notifier: {
      recorded: (ids) => notifier?.recorded(ids),
      idle: () => notifier?.idle() ?? Promise.resolve(),
      close: () => notifier?.close() ?? Promise.resolve(),
    },
  });
  notifier = createNotifier({ db: server.db, now: server.now, smtpUrl, from: 'Bounce Guard <bg@acme.test>', log: (l) => lines.push(l) });
  cleanups.push(() => notifier!.close());
  const admin = server.user('Acme', 'boss@acme.test', 'admin');
  const ana = server.user('Acme', 'ana@acme.test');
  const set = await server.call('/v1/me/notifications', { as: ana, method: 'PUT', json: { notify } });
  expect(set.status).toBe(200);
  if (logged) expect((await logMail(server, ana)).status).toBe(201);
  return { server, admin, ana, lines, notifier: () => notifier! };
}

function postBounce(server: TestServer, admin: TestUser) {
  return server.call('/v1/inbound/dsn', { as: admin, method: 'POST', body: bounce as unknown as string, headers: { 'Content-Type': 'message/rfc822' } });
}

const state = (server: TestServer) =>
  server.db.prepare('SELECT state, attempts, last_error AS lastError FROM notifications').all() as {
    state: string;
    attempts: number;
    lastError: string | null;
  }[];

describe('the notifier', () => {
  it.each(['email', 'both'])('mails the sender (%s) once per bounce, through a real SMTP relay', async (notify) => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const { server, admin, ana, notifier } = await setup(sink.url, notify);
    expect((await postBounce(server, admin)).body).toMatchObject({ inserted: 1 });
    await notifier().idle();
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail?.to).toEqual([ana.email]);
    expect(mail?.from).toBe('bg@acme.test');
    const parsed = await PostalMime.parse(mail!.raw);
    expect(parsed.subject).toBe('Bounced: kijitora@example.co.jp');
    expect(parsed.to?.[0]?.address).toBe(ana.email);
    expect(parsed.text).toContain('kijitora@example.co.jp');
    expect(parsed.text).toContain('the address does not exist');
    expect(parsed.text).toContain('“Quarterly numbers”');
    expect(parsed.text).toContain('2026-11-02 09:00 UTC');
    expect(parsed.text).toContain('Address: suppressed');

    // The same message again, and the same event told again: still one mail.
    expect((await postBounce(server, admin)).body).toMatchObject({ inserted: 0, duplicates: 1 });
    notifier().recorded([1]);
    await notifier().idle();
    expect(sink.mails).toHaveLength(1);
    expect(state(server)).toEqual([{ state: 'sent', attempts: 1, lastError: null }]);
  });

  it('mails the sender once when their mail is logged after its bounce, and flips `own` in their sync', async () => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const { server, admin, ana, notifier } = await setup(sink.url, 'email', { logged: false });
    expect((await postBounce(server, admin)).body).toMatchObject({ inserted: 1 });
    await notifier().idle();
    expect(sink.mails).toEqual([]);
    const before = await server.call('/v1/sync', { as: ana });
    expect(before.body.changes).toMatchObject([{ op: 'put', row: { address: 'kijitora@example.co.jp', own: false } }]);

    expect((await logMail(server, ana)).status).toBe(201);
    await notifier().idle();
    expect(sink.mails.map((mail) => mail.to)).toEqual([[ana.email]]);
    const parsed = await PostalMime.parse(sink.mails[0]!.raw);
    expect(parsed.subject).toBe('Bounced: kijitora@example.co.jp');
    expect(parsed.text).toContain('“Quarterly numbers”');
    const after = await server.call(`/v1/sync?cursor=${before.body.nextCursor}`, { as: ana });
    expect(after.body.changes).toMatchObject([{ op: 'put', row: { address: 'kijitora@example.co.jp', own: true } }]);

    // The extension's outbox retries the POST (it missed the answer): no second mail, no second feed entry.
    expect((await logMail(server, ana)).status).toBe(200);
    await notifier().idle();
    expect(sink.mails).toHaveLength(1);
    expect(state(server)).toEqual([{ state: 'sent', attempts: 1, lastError: null }]);
    expect((await server.call(`/v1/sync?cursor=${after.body.nextCursor}`, { as: ana })).body.changes).toEqual([]);
  });

  it.each(['in_app', 'none'])('sends nothing when the sender chose %s', async (notify) => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const { server, admin, notifier } = await setup(sink.url, notify);
    expect((await postBounce(server, admin)).body).toMatchObject({ inserted: 1 });
    await notifier().idle();
    expect(sink.mails).toEqual([]);
    expect(count(server.db, 'notifications')).toBe(0);
  });

  it('sends nothing for a bounce no logged mail answers', async () => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const { server, admin, notifier } = await setup(sink.url, 'email');
    server.db.prepare('DELETE FROM email_recipients').run();
    await postBounce(server, admin);
    await notifier().idle();
    expect(sink.mails).toEqual([]);
  });

  it('never fails ingest when the relay is down, and sends at the next start once it is back', async () => {
    const { server, admin, ana, lines, notifier } = await setup(await deadSmtpUrl(), 'email');
    const posted = await postBounce(server, admin);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ inserted: 1 });
    await notifier().idle();
    expect(server.db.prepare('SELECT suppressed FROM suppressions').get()).toEqual({ suppressed: 1 });
    expect(state(server)).toEqual([{ state: 'pending', attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) }]);
    expect(lines).toContainEqual(expect.objectContaining({ event: 'notify-failed', to: ana.email }));

    // A restart with the relay back: nothing is due before the backoff, then the mail goes out once.
    await notifier().close();
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const early = createNotifier({ db: server.db, now: server.now, smtpUrl: sink.url, from: 'bg@acme.test', log: () => {} });
    await early.idle();
    await early.close();
    expect(sink.mails).toHaveLength(0);
    server.advance(DAY);
    const restarted = createNotifier({ db: server.db, now: server.now, smtpUrl: sink.url, from: 'bg@acme.test', log: () => {} });
    cleanups.push(() => restarted.close());
    await restarted.idle();
    expect(sink.mails.map((m) => m.to)).toEqual([[ana.email]]);
    expect(state(server)).toEqual([{ state: 'sent', attempts: 2, lastError: null }]);
  });

  it('gives up a mail interrupted mid-send instead of maybe sending it twice', async () => {
    const sink = await startMailSink();
    cleanups.push(sink.close);
    const { server, admin, notifier } = await setup(await deadSmtpUrl(), 'email');
    await postBounce(server, admin);
    await notifier().close();
    server.db.prepare(`UPDATE notifications SET state = 'sending'`).run();
    const restarted = createNotifier({ db: server.db, now: server.now, smtpUrl: sink.url, from: 'bg@acme.test', log: () => {} });
    cleanups.push(() => restarted.close());
    await restarted.idle();
    expect(sink.mails).toEqual([]);
    expect(state(server)[0]?.state).toBe('failed');
  });
});

describe('every ingest path tells the notifier after its commit', () => {
  it('ESP webhooks: the new events’ ids, none for a retry', async () => {
    const told: number[][] = [];
    const server = testServer({}, { notifier: { recorded: (ids) => void told.push([...ids]), idle: async () => {}, close: async () => {} } });
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const hook = createWebhook(server.db, { orgId: admin.orgId, provider: 'mailgun', settings: { signingKey: mailgunKey, maxAgeSeconds: 900 } }, server.now());
    const permanent = fixtureJson<Record<string, unknown>>('esp/mailgun-events.json').permanent;
    const deliver = () =>
      server.call(`/v1/webhooks/mailgun/${hook}`, {
        method: 'POST',
        body: mailgunBody(permanent, mailgunKey, Math.floor(server.now() / 1000)),
        headers: { 'Content-Type': 'application/json' },
      });
    expect((await deliver()).status).toBe(200);
    expect((await deliver()).status).toBe(200);
    const stored = server.db.prepare('SELECT id FROM bounce_events').pluck().all();
    expect(told).toEqual([stored, []]);
  });
});

describe('a mail logged after its bounces tells the notifier after its commit', () => {
  it('the ids of the counted bounces it newly links; none for a retry, a cleared one or one another mail answers', async () => {
    const told: number[][] = [];
    const server = testServer({}, { notifier: { recorded: (ids) => void told.push([...ids]), idle: async () => {}, close: async () => {} } });
    const boss = server.user('Acme', 'boss@acme.test', 'admin');
    const ana = server.user('Acme', 'ana@acme.test');
    const bob = server.user('Acme', 'bob@acme.test');
    const sentAt = START - 60_000;
    const post = (as: TestUser, recipients: string[], clientId = `client-${as.email}`) =>
      server.call('/v1/emails', { as, method: 'POST', json: { clientId, subject: 'Hi', sentAt, recipients } });
    expect((await post(bob, ['bobs@x.test'])).status).toBe(201);
    const pruned = await post(bob, ['pruned@x.test'], 'client-bob-pruned');
    ingest(server, boss.orgId, [
      [event({ recipient: 'new@x.test' }), verdicts.hard],
      [event({ recipient: 'new@x.test', kind: 'delivery' }), null],
      [event({ recipient: 'cleared@x.test' }), verdicts.hard],
      [event({ recipient: 'bobs@x.test' }), verdicts.hard],
      [event({ recipient: 'pruned@x.test' }), verdicts.hard],
    ]);
    // As retention does after 14 days: the event keeps Bob as its sender, and Bob was told (or not) at ingest.
    server.db.prepare('DELETE FROM emails WHERE id = ?').run(pruned.body.id);
    const unbounced = await server.call('/v1/suppressions/cleared@x.test', { as: boss, method: 'DELETE', json: { reason: 'works again' } });
    expect(unbounced.status).toBe(200);
    told.length = 0;

    const recipients = ['new@x.test', 'cleared@x.test', 'bobs@x.test', 'pruned@x.test'];
    expect((await post(ana, recipients)).status).toBe(201);
    const bounce = server.db.prepare(`SELECT id FROM bounce_events WHERE address = 'new@x.test' AND kind = 'bounce'`).pluck().get();
    expect(told).toEqual([[bounce]]);
    expect((await post(ana, recipients)).status).toBe(200);
    expect(told).toEqual([[bounce], []]);
    const senders = server.db.prepare('SELECT address, kind, sender_user_id AS sender FROM bounce_events ORDER BY id').all();
    expect(senders).toEqual([
      { address: 'new@x.test', kind: 'bounce', sender: ana.id },
      { address: 'new@x.test', kind: 'delivery', sender: ana.id },
      { address: 'cleared@x.test', kind: 'bounce', sender: ana.id },
      { address: 'bobs@x.test', kind: 'bounce', sender: bob.id },
      { address: 'pruned@x.test', kind: 'bounce', sender: ana.id },
    ]);
  });
});

describe('noticeMail', () => {
  const notice: BounceNotice = {
    to: 'ana@acme.test',
    address: 'jan@example.com',
    kind: 'bounce',
    class: 'soft',
    reason: 'mailboxfull',
    occurredAt: START,
    subject: 'Lunch',
    suppressed: false,
  };
  it.each([
    ['a soft bounce', notice, 'Bounced: jan@example.com', ['the mailbox is full', '“Lunch”', 'not suppressed (yet)']],
    [
      'a complaint after the log forgot the mail',
      { ...notice, kind: 'complaint', class: 'complaint', reason: 'feedback', subject: null, suppressed: true },
      'Spam complaint: jan@example.com',
      ['reported as spam by jan@example.com', 'no longer in the 14-day log', 'Address: suppressed'],
    ],
    ['an unknown reason', { ...notice, reason: 'brandnew', class: 'hard' }, 'Bounced: jan@example.com', ['the address does not accept mail']],
  ] satisfies [string, BounceNotice, string, string[]][])('words %s', (_, input, subject, phrases) => {
    const mail = noticeMail(input);
    expect(mail.to).toBe('ana@acme.test');
    expect(mail.subject).toBe(subject);
    for (const phrase of phrases) expect(mail.text).toContain(phrase);
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../server/db/open';
import { mailgunTokenStore } from '../../../server/db/verification-caches';
import { mailgunPayloadSchema, parseMailgun, verifyMailgun } from '../../../server/ingest/mailgun';
import { mailgunSettingsSchema } from '../../../server/ingest/settings';
import { fixtureJson, mailgunBody, mailgunKey, verificationCaches } from './helpers';

const settings = mailgunSettingsSchema.parse({ signingKey: mailgunKey });
const now = Date.parse('2026-11-27T12:00:00Z');
const nowSeconds = now / 1000;
const records = fixtureJson<Record<string, Record<string, unknown>>>('esp/mailgun-events.json');
const headers = new Headers();
const signed = () => mailgunBody(records.permanent, mailgunKey, nowSeconds);

function verifier() {
  const { replayCache } = verificationCaches(() => now);
  return (body: string) => verifyMailgun(body, headers, settings, { now: () => now, replayCache, webhookId: 'wh-mailgun' });
}

describe('verifyMailgun', () => {
  it('accepts a signature made with the signing key', () => {
    expect(verifier()(mailgunBody(records.permanent, mailgunKey, nowSeconds))).toMatchObject({ ok: true });
  });

  it('consumes the token: the same one again is refused, unless its delivery was given back', () => {
    const verify = verifier();
    const body = mailgunBody(records.permanent, mailgunKey, nowSeconds);
    const first = verify(body);
    expect(first).toMatchObject({ ok: true });
    // A race or a replay with another body: refused before anything is stored.
    expect(verify(body)).toEqual({ ok: false, reason: 'replayed' });
    if (first.ok) first.release?.(); // the store failed: Mailgun's retry brings the same token
    expect(verify(body)).toMatchObject({ ok: true });
    expect(verify(body)).toEqual({ ok: false, reason: 'replayed' });
    expect(verify(mailgunBody(records.permanent, mailgunKey, nowSeconds))).toMatchObject({ ok: true });
  });

  it('accepts Mailgun’s last retry: the original signature block, 8 hours and some minutes on', () => {
    expect(verifier()(mailgunBody(records.permanent, mailgunKey, nowSeconds - (8 * 3600 + 30 * 60)))).toMatchObject({ ok: true });
  });

  it('accepts a subaccount event by its parent-signature', () => {
    const token = 'a'.repeat(50);
    const body = JSON.stringify({
      signature: {
        timestamp: String(nowSeconds),
        token,
        signature: createHmac('sha256', 'subaccount-key-0123456789').update(`${nowSeconds}${token}`).digest('hex'),
        'parent-signature': createHmac('sha256', mailgunKey).update(`${nowSeconds}${token}`).digest('hex'),
      },
      'event-data': records.permanent,
    });
    expect(verifier()(body)).toMatchObject({ ok: true });
  });

  it.each([
    ['another key', () => mailgunBody(records.permanent, 'key-someone-else-0123456789', nowSeconds), 'bad-signature'],
    ['a changed timestamp', () => signed().replace(`"${nowSeconds}"`, `"${nowSeconds + 1}"`), 'bad-signature'],
    ['no signature', () => JSON.stringify({ 'event-data': records.permanent }), 'missing-signature'],
    ['a signature that is not hex', () => JSON.stringify({ signature: { timestamp: '1', token: 't', signature: 'zz' } }), 'malformed-signature'],
    ['a stale timestamp', () => mailgunBody(records.permanent, mailgunKey, nowSeconds - 9 * 3600 - 60), 'stale-timestamp'],
    ['a timestamp from the future', () => mailgunBody(records.permanent, mailgunKey, nowSeconds + 9 * 3600 + 60), 'stale-timestamp'],
    ['malformed JSON', () => '{"signature":', 'malformed-json'],
    ['a JSON array', () => '[]', 'missing-signature'],
    ['JSON null', () => 'null', 'missing-signature'],
  ])('refuses %s', (_name, body, reason) => {
    expect(verifier()(body())).toEqual({ ok: false, reason });
  });
});

describe('mailgunTokenStore', () => {
  const tokens = (db: ReturnType<typeof openDb>) => db.prepare('SELECT token FROM mailgun_tokens ORDER BY token').pluck().all();

  it('holds a token until it expires, then prunes it on the next claim', () => {
    let clock = now;
    const db = openDb(':memory:');
    const store = mailgunTokenStore(db, () => clock);
    expect(store.claim('a', 'wh-1', now + 1000)).toBe(true);
    expect(store.claim('a', 'wh-2', now + 60_000)).toBe(false); // another webhook: still a replay
    expect(store.claim('b', 'wh-1', now + 60_000)).toBe(true);
    clock = now + 1000;
    expect(store.claim('c', 'wh-1', now + 60_000)).toBe(true);
    expect(tokens(db)).toEqual(['b', 'c']);
    expect(store.claim('a', 'wh-1', now + 61_000)).toBe(true);
  });

  it('frees a released token, and only that one', () => {
    const db = openDb(':memory:');
    const store = mailgunTokenStore(db, () => now);
    store.claim('a', 'wh-1', now + 1000);
    store.claim('b', 'wh-1', now + 1000);
    store.release('a');
    expect(tokens(db)).toEqual(['b']);
    expect(store.claim('a', 'wh-1', now + 1000)).toBe(true);
  });
});

describe('parseMailgun', () => {
  const parse = (name: string) => parseMailgun(mailgunPayloadSchema.parse({ signature: {}, 'event-data': records[name] }));

  it.each([
    ['permanent', 'bounce', 'nobody@example.com', '5.1.1', '550', 'failed/permanent/bounce'],
    ['temporary', 'deferred', 'full@example.com', '4.2.2', '452', 'failed/temporary/generic'],
    ['suppressed', 'suppressed-echo', 'old@example.com', null, null, 'failed/permanent/suppress-bounce'],
    ['delivered', 'delivery', 'ok@example.com', null, '250', 'delivered'],
    ['complained', 'complaint', 'angry@example.com', null, null, 'complained'],
  ])('%s → %s', (name, kind, recipient, status, replyCode, providerClass) => {
    const expected = { source: 'mailgun', kind, recipient, status, replyCode, providerClass };
    expect(parse(name)).toEqual([expect.objectContaining(expected)]);
  });

  it('reads a permanent failure in full', () => {
    expect(parse('permanent')).toEqual([
      {
        source: 'mailgun',
        eventId: 'mg-perm-1:1764201600123',
        kind: 'bounce',
        recipient: 'nobody@example.com',
        status: '5.1.1',
        replyCode: '550',
        diagnostic: '5.1.1 The email account that you tried to reach does not exist',
        providerClass: 'failed/permanent/bounce',
        occurredAt: 1764201600123,
        messageId: '<20261127.abc@mg.example.com>',
      },
    ]);
  });

  it('explains a suppression echo with the description when the message is empty', () => {
    expect(parse('suppressed')[0]?.diagnostic).toBe('Not delivering to previously bounced address');
  });

  it('skips engagement events', () => {
    expect(parse('opened')).toEqual([]);
  });

  it.each([
    ['no event-data', { signature: {} }],
    ['a failure without recipient', { 'event-data': { id: 'x', event: 'failed', timestamp: 1 } }],
    ['a timestamp as a string', { 'event-data': { id: 'x', event: 'delivered', timestamp: '1', recipient: 'a@b.c' } }],
    ['an id that is a number', { 'event-data': { id: 1, event: 'delivered', timestamp: 1, recipient: 'a@b.c' } }],
  ])('rejects %s', (_name, payload) => {
    expect(mailgunPayloadSchema.safeParse(payload).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseSendgrid, sendgridPayloadSchema, verifySendgrid } from '../../../server/ingest/sendgrid';
import { sendgridSettingsSchema } from '../../../server/ingest/settings';
import { fixtureJson, fixtureText, sendgridKeys } from './helpers';

const keys = sendgridKeys();
const settings = sendgridSettingsSchema.parse({ publicKey: keys.publicKey });
const now = Date.parse('2026-11-27T12:00:00Z');
const nowSeconds = now / 1000;
const body = fixtureText('esp/sendgrid-events.json');
const signatureHeader = 'X-Twilio-Email-Event-Webhook-Signature';
const signed = () => keys.sign(body, nowSeconds);
const verify = (rawBody: string, headers: Record<string, string>, options = settings) =>
  verifySendgrid(rawBody, new Headers(headers), options, { now: () => now });

describe('verifySendgrid', () => {
  it('accepts a body signed with the webhook key', () => {
    expect(verify(body, keys.sign(body, nowSeconds))).toEqual({ ok: true });
  });

  it('verifies the exact bytes, non-ASCII included', () => {
    const accented = '[{"email":"zoë@example.com","event":"delivered","timestamp":1,"sg_event_id":"é"}]';
    expect(verify(accented, keys.sign(accented, nowSeconds))).toEqual({ ok: true });
  });

  it.each([
    ['a tampered body', () => verify(body.replace('blocked@', 'blockee@'), keys.sign(body, nowSeconds)), 'bad-signature'],
    ['a whitespace change', () => verify(`${body}\n`, keys.sign(body, nowSeconds)), 'bad-signature'],
    ['a tampered timestamp', () => {
      const headers = keys.sign(body, nowSeconds);
      return verify(body, { ...headers, 'X-Twilio-Email-Event-Webhook-Timestamp': String(nowSeconds + 1) });
    }, 'bad-signature'],
    ['another key', () => verify(body, sendgridKeys().sign(body, nowSeconds)), 'bad-signature'],
    ['a signature that is not DER', () => verify(body, { ...signed(), [signatureHeader]: 'bm90IGEgc2lnbmF0dXJl' }), 'bad-signature'],
    ['no headers', () => verify(body, {}), 'missing-signature'],
    ['no timestamp header', () => verify(body, { [signatureHeader]: signed()[signatureHeader] }), 'missing-signature'],
    ['a timestamp that is not a number', () => verify(body, keys.sign(body, 'soon')), 'malformed-signature'],
    ['a stale timestamp', () => verify(body, keys.sign(body, nowSeconds - 26 * 3600)), 'stale-timestamp'],
    ['a timestamp far in the future', () => verify(body, keys.sign(body, nowSeconds + 26 * 3600)), 'stale-timestamp'],
  ])('refuses %s', (_name, run, reason) => {
    expect(run()).toEqual({ ok: false, reason });
  });

  it('honours a tighter window from the settings', () => {
    const tight = sendgridSettingsSchema.parse({ publicKey: keys.publicKey, maxAgeSeconds: 300 });
    expect(verify(body, keys.sign(body, nowSeconds - 301), tight)).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(verify(body, keys.sign(body, nowSeconds - 299), tight)).toEqual({ ok: true });
  });

  it.each(['', 'bm90IGEga2V5', sendgridKeys().publicKey.slice(0, 40)])('settings reject the public key %j', (publicKey) => {
    expect(sendgridSettingsSchema.safeParse({ publicKey }).success).toBe(false);
  });
});

describe('parseSendgrid on the sisimai fixtures', () => {
  const summary = (file: string) =>
    parseSendgrid(sendgridPayloadSchema.parse(fixtureJson(`bounces/esp/${file}`))).map((event) => [
      event.kind,
      event.recipient,
      event.status,
      event.replyCode,
    ]);

  it.each([
    ['01', [['bounce', 'kijitora@example.ne.jp', null, '550']]],
    ['02', [['bounce', 'kijitora@example.ne.jp', null, '550'], ['bounce', 'kijitora@example.co.jp', '5.2.2', '550']]],
    ['03', [['bounce', 'kijitora@example.com', '5.1.1', '550']]],
    ['04', [['bounce', 'kijitora@example.com', null, '554']]],
    ['05', [['bounce', 'kijitora@example.ne.jp', null, '550']]],
    ['06', [['bounce', 'kijitora@example.co.jp', '5.1.1', '550']]],
    ['07', [['bounce', 'mikeneko@example.co.jp', '5.2.1', '550']]],
    ['08', [['bounce', 'sironeko@nyaan.example.jp', '5.1.1', '550']]],
    ['09', [['bounce', 'kijitora@nyaan.example.jp', '5.1.1', '550']]],
    ['10', [['bounce', 'kijitora@nyaan.example.jp', '5.1.1', '550']]],
    ['11', ['neko@neko', 'kijitora@neko', 'sironeko@example.invalid'].map((address) => ['bounce', address, null, null])],
    ['12', [['bounce', 'mailboxfull@example.jp', '5.2.2', '550']]],
    ['13', [['delivery', 'kijitora@example.com', '2.0.0', '250']]],
    ['14', [['bounce', 'kijitora@example.jp', '5.7.13', '525']]],
    ['15', [['complaint', 'kijitora@example.com', null, null]]],
    ['16', [['complaint', 'kijitora@outlook.example.com', null, null]]],
    ['17', [['complaint', 'kijitora@mail.example.ru', null, null]]],
  ])('json-sendgrid-%s.json', (number, expected) => {
    expect(summary(`json-sendgrid-${number}.json`)).toEqual(expected);
  });

  it('reads an Event Webhook bounce in full (json-sendgrid-12.json)', () => {
    expect(parseSendgrid(sendgridPayloadSchema.parse(fixtureJson('bounces/esp/json-sendgrid-12.json')))).toEqual([
      {
        source: 'sendgrid',
        eventId: 'S4wr46YHS0qr3BKhawTQjQ',
        kind: 'bounce',
        recipient: 'mailboxfull@example.jp',
        status: '5.2.2',
        replyCode: '550',
        diagnostic: '550 5.2.2 <mailboxfull@example.jp>... Mailbox Full',
        providerClass: 'bounce/blocked',
        occurredAt: 1504555832000,
        messageId: '<201709042010.v84KAQ5T032530@example.nyaan.jp>',
      },
    ]);
  });

  it('dates the old bounce-list records in UTC and gives them stable ids', () => {
    const records = sendgridPayloadSchema.parse(fixtureJson('bounces/esp/json-sendgrid-09.json'));
    const [first] = parseSendgrid(records);
    expect(first?.occurredAt).toBe(Date.parse('2013-07-06T13:03:39Z'));
    expect(first?.eventId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const again = parseSendgrid(sendgridPayloadSchema.parse(fixtureJson('bounces/esp/json-sendgrid-09.json')));
    expect(again[0]?.eventId).toBe(first?.eventId);
    const other = parseSendgrid(sendgridPayloadSchema.parse(fixtureJson('bounces/esp/json-sendgrid-10.json')))[0];
    expect(other?.eventId).not.toBe(first?.eventId);
  });
});

describe('parseSendgrid on an Event Webhook batch', () => {
  const events = parseSendgrid(sendgridPayloadSchema.parse(fixtureJson('esp/sendgrid-events.json')));

  it('maps the delivery events and skips the rest', () => {
    expect(events.map((event) => [event.eventId, event.kind, event.recipient, event.providerClass])).toEqual([
      ['sg-deferred-1', 'deferred', 'Slow@Example.com', 'deferred'],
      ['sg-delivered-1', 'delivery', 'ok@example.com', 'delivered'],
      ['sg-bounce-1', 'bounce', 'blocked@example.com', 'bounce/blocked/Reputation'],
      ['sg-dropped-1', 'suppressed-echo', 'gone@example.com', 'dropped/Bounced Address'],
      ['sg-dropped-2', 'suppressed-echo', 'optout@example.com', 'dropped/Unsubscribed Address'],
      ['sg-spam-1', 'complaint', 'angry@example.com', 'spamreport'],
    ]);
  });

  it('takes the MTA response of deferrals and deliveries as the diagnostic', () => {
    expect(events[0]).toMatchObject({ diagnostic: '421 4.7.0 Try again later', status: '4.7.0', replyCode: '421' });
    expect(events[1]).toMatchObject({ diagnostic: '250 2.0.0 OK', messageId: '<q3@bg.example>' });
  });

  it.each([
    ['an object instead of an array', { event: 'bounce' }],
    ['a bounce without email', [{ event: 'bounce', timestamp: 1, sg_event_id: 'x' }]],
    ['a bounce without timestamp', [{ event: 'bounce', email: 'a@b.c', sg_event_id: 'x' }]],
    ['a timestamp as a string', [{ event: 'delivered', email: 'a@b.c', timestamp: '1504555832' }]],
    ['an email as a number', [{ event: 'open', email: 42, timestamp: 1 }]],
    ['a bounce-list record with a local-time date', [{ email: 'a@b.c', created: '08/10/2011' }]],
  ])('rejects %s', (_name, payload) => {
    expect(sendgridPayloadSchema.safeParse(payload).success).toBe(false);
  });

  it('accepts events it does not read without requiring their fields', () => {
    const unread = [{ event: 'group_resubscribe' }, { event: 'open', email: 'a@b.c' }];
    expect(sendgridPayloadSchema.safeParse(unread).success).toBe(true);
  });
});

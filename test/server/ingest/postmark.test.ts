import { describe, expect, it } from 'vitest';
import { parsePostmark, postmarkPayloadSchema, verifyPostmark } from '../../../server/ingest/postmark';
import { hashWebhookPassword, postmarkSettingsSchema } from '../../../server/ingest/settings';
import { basicAuth, fixtureJson, postmarkPassword, postmarkUser } from './helpers';

const settings = postmarkSettingsSchema.parse({ username: postmarkUser, passwordSha256: hashWebhookPassword(postmarkPassword) });
const records = fixtureJson<Record<string, Record<string, unknown>>>('esp/postmark-records.json');
const verify = (headers: Record<string, string>) => verifyPostmark('{}', new Headers(headers), settings);

describe('verifyPostmark', () => {
  it('accepts the configured user and password', () => {
    expect(verify(basicAuth(postmarkUser, postmarkPassword))).toEqual({ ok: true });
  });

  it('accepts a password that contains a colon', () => {
    const withColon = postmarkSettingsSchema.parse({ username: 'u', passwordSha256: hashWebhookPassword('a:b') });
    expect(verifyPostmark('{}', new Headers(basicAuth('u', 'a:b')), withColon)).toEqual({ ok: true });
  });

  it.each([
    ['a wrong password', basicAuth(postmarkUser, `${postmarkPassword}x`), 'bad-credentials'],
    ['a wrong user', basicAuth('admin', postmarkPassword), 'bad-credentials'],
    ['the stored hash as password', basicAuth(postmarkUser, settings.passwordSha256), 'bad-credentials'],
    ['a Bearer token', { Authorization: `Bearer ${postmarkPassword}` }, 'bad-credentials'],
    ['Basic without a colon', { Authorization: `Basic ${Buffer.from('justauser').toString('base64')}` }, 'bad-credentials'],
    ['no Authorization header', {}, 'missing-signature'],
  ])('refuses %s', (_name, headers, reason) => {
    expect(verify(headers)).toEqual({ ok: false, reason });
  });

  it('stores a hash, never the password', () => {
    expect(settings.passwordSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(postmarkSettingsSchema.safeParse({ username: 'u', passwordSha256: postmarkPassword }).success).toBe(false);
  });
});

describe('parsePostmark', () => {
  const parse = (name: string) => parsePostmark(postmarkPayloadSchema.parse(records[name]));

  it.each([
    ['softBounce', 'bounce', 'full@example.com', '5.2.2', '552'],
    ['transient', 'deferred', 'slow@example.com', '4.4.2', '421'],
    ['manuallyDeactivated', 'suppressed-echo', 'off@example.com', null, null],
    ['spamComplaint', 'complaint', 'angry@example.com', null, null],
    ['delivery', 'delivery', 'ok@example.com', '2.0.0', '250'],
  ])('%s → %s', (name, kind, recipient, status, replyCode) => {
    expect(parse(name)).toEqual([expect.objectContaining({ source: 'postmark', kind, recipient, status, replyCode })]);
  });

  it('reads a hard bounce in full, its int64 ID included', () => {
    expect(parse('hardBounce')).toEqual([
      {
        source: 'postmark',
        eventId: `${4323372036854775807}:Nobody@Example.com`,
        kind: 'bounce',
        recipient: 'Nobody@Example.com', // as reported: the store normalizes
        status: '5.1.1',
        replyCode: '550',
        diagnostic: 'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
        providerClass: 'HardBounce',
        occurredAt: Date.parse('2026-11-27T17:28:10.273Z'),
        messageId: null,
      },
    ]);
  });

  it('falls back to the description when Details is empty', () => {
    expect(parse('manuallyDeactivated')[0]?.diagnostic).toBe('The email was manually deactivated.');
  });

  it('gives a delivery an id from message and recipient', () => {
    expect(parse('delivery')[0]?.eventId).toBe('delivery:883953f4-6105-42a2-a16a-77a8eac79483:ok@example.com');
  });

  it.each(['autoResponder', 'open'])('skips %s', (name) => {
    expect(parse(name)).toEqual([]);
  });

  it.each([
    ['a bounce without Email', { ...records.softBounce, Email: undefined }],
    ['a bounce with a bad date', { ...records.softBounce, BouncedAt: 'last Tuesday' }],
    ['a delivery without Recipient', { ...records.delivery, Recipient: undefined }],
    ['no RecordType', { Email: 'a@b.c' }],
    ['an array', [records.softBounce]],
  ])('rejects %s', (_name, payload) => {
    expect(postmarkPayloadSchema.safeParse(payload).success).toBe(false);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  parseSes,
  sesMessageEvents,
  sesMessageSchema,
  sesPayloadSchema,
  verifySes,
} from '../../../server/ingest/ses';
import { sesSettingsSchema } from '../../../server/ingest/settings';
import { confirmSnsSubscription } from '../../../server/ingest/sns';
import { createCertificateCache } from '../../../server/ingest/sns-certificates';
import {
  certUrl,
  fixtureJson,
  snsCertPem,
  snsConfirmation,
  snsNotification,
  topicArn,
  verificationCaches,
} from './helpers';

const settings = sesSettingsSchema.parse({ topicArns: [topicArn] });
const headers = new Headers();
const bounce = fixtureJson<Record<string, unknown>>('bounces/esp/json-amazonses-01.json');

function verifier(fetchCertificate = vi.fn(async () => snsCertPem), now = () => Date.now()) {
  const certificates = createCertificateCache(fetchCertificate, verificationCaches().certificateStore);
  return {
    fetchCertificate,
    verify: (body: unknown, options = settings) =>
      verifySes(typeof body === 'string' ? body : JSON.stringify(body), headers, options, { certificates, now }),
  };
}

describe('verifySes', () => {
  it.each(['1', '2'])('accepts a Notification signed with SignatureVersion %s', async (version) => {
    expect(await verifier().verify(snsNotification(bounce, { version }))).toEqual({ ok: true });
  });

  it('accepts a Notification with a Subject (signed between MessageId and Timestamp)', async () => {
    const message = snsNotification(bounce, { subject: 'Amazon SES Email Event Notification' });
    expect(await verifier().verify(message)).toEqual({ ok: true });
  });

  it.each(['SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const)('accepts a signed %s', async (type) => {
    expect(await verifier().verify(snsConfirmation(type, { version: '2' }))).toEqual({ ok: true });
  });

  it('fetches each certificate once', async () => {
    const { verify, fetchCertificate } = verifier();
    await verify(snsNotification(bounce));
    await verify(snsNotification(bounce, { version: '2' }));
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
    expect(fetchCertificate).toHaveBeenCalledWith(certUrl);
  });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const signedAt = (signingCertUrl: string) => snsNotification(bounce, { signingCertUrl });
  const signedFor = (topic: string) => snsNotification(bounce, { topic });

  it.each([
    ['a tampered Message', () => ({ ...snsNotification(bounce), Message: JSON.stringify({ ...bounce, x: 1 }) }), 'bad-signature'],
    ['a TopicArn swapped for an allowed one', () => ({ ...signedFor(`${topicArn}-2`), TopicArn: topicArn }), 'bad-signature'],
    ['a Subject added after signing', () => ({ ...snsNotification(bounce), Subject: 'hi' }), 'bad-signature'],
    ['a signature by another key', () => snsNotification(bounce, { keyPem: otherKey }), 'bad-signature'],
    ['a SHA-1 signature labelled version 2', () => ({ ...snsNotification(bounce), SignatureVersion: '2' }), 'bad-signature'],
    ['no Signature', () => ({ ...snsNotification(bounce), Signature: undefined }), 'missing-signature'],
    ['no SigningCertURL', () => ({ ...snsNotification(bounce), SigningCertURL: undefined }), 'missing-signature'],
    ['an http SigningCertURL', () => signedAt(certUrl.replace('https:', 'http:')), 'untrusted-cert-url'],
    ['a SigningCertURL off AWS', () => signedAt('https://sns.us-west-2.amazonaws.com.evil.example/c.pem'), 'untrusted-cert-url'],
    ['a SigningCertURL with a port', () => signedAt('https://sns.us-west-2.amazonaws.com:8443/c.pem'), 'untrusted-cert-url'],
    ['a SigningCertURL with credentials', () => signedAt('https://a:b@sns.us-west-2.amazonaws.com/c.pem'), 'untrusted-cert-url'],
    ['a SigningCertURL that is no .pem', () => signedAt('https://sns.us-west-2.amazonaws.com/?Action=ListTopics'), 'untrusted-cert-url'],
    ['a SigningCertURL with a query', () => signedAt(`${certUrl}?nocache=1`), 'untrusted-cert-url'],
    ['a topic not allowed', () => snsNotification(bounce, { topic: 'arn:aws:sns:us-west-2:999999999999:x' }), 'topic-not-allowed'],
    ['SignatureVersion 3', () => snsNotification(bounce, { version: '3' }), 'unsupported-signature-version'],
    ['no MessageId', () => ({ ...snsNotification(bounce), MessageId: undefined }), 'invalid-payload'],
    ['an unknown Type', () => ({ ...snsNotification(bounce), Type: 'Surprise' }), 'invalid-payload'],
    ['not JSON', () => '{"Type": "Notification",', 'malformed-json'],
  ])('refuses %s', async (_name, body, reason) => {
    const { verify, fetchCertificate } = verifier();
    expect(await verify(body())).toMatchObject({ ok: false, reason });
    if (reason !== 'bad-signature') expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('answers certificate-unavailable when the certificate cannot be fetched, and tries again next time', async () => {
    const fetchCertificate = vi.fn().mockRejectedValueOnce(new Error('ECONNRESET')).mockResolvedValue(snsCertPem);
    const { verify } = verifier(fetchCertificate);
    expect(await verify(snsNotification(bounce))).toEqual({ ok: false, reason: 'certificate-unavailable' });
    expect(await verify(snsNotification(bounce))).toEqual({ ok: true });
  });

  it('refuses a certificate outside its validity period', async () => {
    const { verify } = verifier(undefined, () => Date.parse('2200-01-01T00:00:00Z'));
    expect(await verify(snsNotification(bounce))).toEqual({ ok: false, reason: 'certificate-unavailable' });
  });

  it('refuses a body that is not a certificate', async () => {
    const { verify } = verifier(vi.fn(async () => '<html>captive portal</html>'));
    expect(await verify(snsNotification(bounce))).toEqual({ ok: false, reason: 'certificate-unavailable' });
  });
});

describe('parseSes on the sisimai fixtures', () => {
  it.each([
    ['json-amazonses-01.json', 'bounce', 'bounce@simulator.amazonses.com', '5.1.1', '550', 'Permanent/General'],
    ['json-amazonses-03.json', 'complaint', 'complaint@simulator.amazonses.com', null, null, 'Complaint/abuse'],
    ['json-amazonses-04.json', 'delivery', 'success@simulator.amazonses.com', '2.6.0', '250', 'Delivery'],
    ['json-amazonses-05.json', 'delivery', 'complaint@simulator.amazonses.com', '2.6.0', '250', 'Delivery'],
    ['json-amazonses-06.json', 'bounce', 'bounce@simulator.amazonses.com', '5.1.1', '550', 'Permanent/General'],
  ])('%s → %s of %s', (file, kind, recipient, status, replyCode, providerClass) => {
    const message = fixtureJson(`bounces/esp/${file}`);
    const events = parseSes(sesPayloadSchema.parse(snsNotification(message)));
    expect(events).toEqual([expect.objectContaining({ source: 'ses', kind, recipient, status, replyCode, providerClass })]);
  });

  it('reads the SNS envelope of json-amazonses-02.json (a real AWS notification)', () => {
    const events = parseSes(sesPayloadSchema.parse(fixtureJson('bounces/esp/json-amazonses-02.json')));
    expect(events).toEqual([
      {
        source: 'ses',
        eventId: '01010157e6083d17-38cf01f3-852d-4401-8e8a-84e67a3e51d8-000000:bounce@simulator.amazonses.com',
        kind: 'bounce',
        recipient: 'bounce@simulator.amazonses.com',
        status: '5.1.1',
        replyCode: '550',
        diagnostic: 'smtp; 550 5.1.1 user unknown',
        providerClass: 'Permanent/General',
        occurredAt: Date.parse('2016-10-21T06:58:02.245Z'),
        messageId: null,
      },
    ]);
  });

  it('keeps the Message-ID header when SES reports it', () => {
    const [event] = sesMessageEvents(sesMessageSchema.parse(fixtureJson('bounces/esp/json-amazonses-06.json')));
    expect(event?.messageId).toBe('<xxx@xx.xx>');
  });
});

describe('sesMessageEvents on event-publishing records', () => {
  const records = fixtureJson<Record<string, unknown>>('esp/ses-events.json');
  const eventsOf = (name: string) => sesMessageEvents(sesMessageSchema.parse(records[name]));

  it.each([
    ['suppressedBounce', [['suppressed-echo', 'listed@example.com', 'Permanent/OnAccountSuppressionList']]],
    ['transientBounce', ['full@example.com', 'full2@example.com'].map((to) => ['bounce', to, 'Transient/MailboxFull'])],
    ['suppressedComplaint', [['suppressed-echo', 'angry@example.com', 'Complaint/OnAccountSuppressionList']]],
    ['deliveryDelay', [['deferred', 'slow@example.com', 'DeliveryDelay/TransientCommunicationFailure']]],
    ['send', []],
    ['subscriptionSucceeded', []],
  ])('%s', (name, expected) => {
    expect(eventsOf(name).map((event) => [event.kind, event.recipient, event.providerClass])).toEqual(expected);
  });

  it('gives every recipient of one bounce its own event id', () => {
    const ids = eventsOf('transientBounce').map((event) => event.eventId);
    expect(new Set(ids).size).toBe(2);
  });

  const mail = { messageId: 'm' };
  const bounced = (recipient: unknown) => ({
    notificationType: 'Bounce',
    mail,
    bounce: {
      bounceType: 'Transient',
      bounceSubType: 'General',
      bouncedRecipients: [recipient],
      timestamp: '2026-11-27T10:00:00Z',
      feedbackId: 'f',
    },
  });

  it.each([
    ['a Bounce without bounce', { notificationType: 'Bounce', mail }],
    ['a Bounce without mail', { ...bounced({ emailAddress: 'a@b.c' }), mail: undefined }],
    ['no type at all', { mail }],
    ['a bounced recipient that is a number', bounced({ emailAddress: 42 })],
    ['a timestamp that is not a date', { notificationType: 'Delivery', mail, delivery: { recipients: ['a@b.c'], timestamp: 'soon' } }],
  ])('rejects %s', (_name, message) => {
    expect(sesMessageSchema.safeParse(message).success).toBe(false);
  });

  it('rejects a Notification whose Message is not JSON', () => {
    expect(sesPayloadSchema.safeParse(snsNotification('not json')).success).toBe(false);
  });
});

describe('confirmSnsSubscription', () => {
  const fetched = () => vi.fn(async (_url: string, _init: RequestInit) => new Response('<ok/>', { status: 200 }));

  it('GETs the SubscribeURL once', async () => {
    const fetchUrl = fetched();
    const message = snsConfirmation('SubscriptionConfirmation');
    const outcome = await confirmSnsSubscription({ TopicArn: topicArn, SubscribeURL: message.SubscribeURL ?? '' }, settings, fetchUrl);
    expect(outcome).toBe('confirmed');
    expect(fetchUrl).toHaveBeenCalledTimes(1);
    expect(fetchUrl.mock.calls[0]?.[0]).toBe(message.SubscribeURL);
    expect(fetchUrl.mock.calls[0]?.[1]).toMatchObject({ method: 'GET', redirect: 'error' });
  });

  it.each([
    ['a foreign host', 'https://evil.example/?Action=ConfirmSubscription&TopicArn=' + topicArn],
    ['plain http', 'http://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=' + topicArn],
    ['another topic', `https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${topicArn}-2`],
    ['another action', 'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&TopicArn=' + topicArn],
  ])('refuses %s without fetching', async (_name, url) => {
    const fetchUrl = fetched();
    expect(await confirmSnsSubscription({ TopicArn: topicArn, SubscribeURL: url }, settings, fetchUrl)).toBe('refused');
    expect(fetchUrl).not.toHaveBeenCalled();
  });

  it('reports a failed confirmation', async () => {
    const fetchUrl = vi.fn(async () => new Response('nope', { status: 403 }));
    const url = snsConfirmation('SubscriptionConfirmation').SubscribeURL ?? '';
    expect(await confirmSnsSubscription({ TopicArn: topicArn, SubscribeURL: url }, settings, fetchUrl)).toBe('failed');
  });
});

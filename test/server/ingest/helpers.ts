import { createHmac, createSign, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../../server/db/open';
import { mailgunTokenStore, snsCertificateStore } from '../../../server/db/verification-caches';
import { ingestEventSchema, type IngestEvent } from '../../../server/ingest/event';
import { type WebhookRecord, type WebhookRoutesDeps, webhookRoutes } from '../../../server/ingest/routes';
import { hashWebhookPassword } from '../../../server/ingest/settings';

/**
 * Signing for the tests, written from the providers' documents and independent of server/ingest, so a mistake
 * in the code under test (say, SNS field order) cannot cancel itself out here.
 */

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const fixtureText = (path: string) => readFileSync(fixtures + path, 'utf8');
export const fixtureJson = <T = unknown>(path: string): T => JSON.parse(fixtureText(path)) as T;

export const snsKeyPem = fixtureText('esp/sns-test-key.pem');
export const snsCertPem = fixtureText('esp/sns-test-cert.pem');
export const topicArn = 'arn:aws:sns:us-west-2:123456789012:bounce-guard-ses';
export const certUrl = 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem';

type SnsFields = Record<string, string>;

/** AWS, "Verifying the signatures of Amazon SNS messages": these keys, this order, "Key\nValue\n" each. */
function snsCanonical(message: SnsFields): string {
  const keys =
    message.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys
    .filter((key) => message[key] !== undefined)
    .map((key) => `${key}\n${message[key]}\n`)
    .join('');
}

export interface SignOptions {
  version?: string;
  keyPem?: string;
  signingCertUrl?: string;
}

export function signSns(
  fields: SnsFields,
  { version = '1', keyPem = snsKeyPem, signingCertUrl = certUrl }: SignOptions = {},
): SnsFields {
  const message = { ...fields, SignatureVersion: version, SigningCertURL: signingCertUrl };
  const signer = createSign(version === '2' ? 'RSA-SHA256' : 'RSA-SHA1');
  signer.update(snsCanonical(message), 'utf8');
  return { ...message, Signature: signer.sign(keyPem, 'base64') };
}

export function snsNotification(sesMessage: unknown, options: SignOptions & { topic?: string; subject?: string } = {}) {
  return signSns(
    {
      Type: 'Notification',
      MessageId: `msg-${randomBytes(4).toString('hex')}`,
      TopicArn: options.topic ?? topicArn,
      ...(options.subject === undefined ? {} : { Subject: options.subject }),
      Message: typeof sesMessage === 'string' ? sesMessage : JSON.stringify(sesMessage),
      Timestamp: '2026-11-27T10:00:00.000Z',
      UnsubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x',
    },
    options,
  );
}

export function snsConfirmation(
  type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
  { subscribeHost = 'sns.us-west-2.amazonaws.com', ...options }: SignOptions & { subscribeHost?: string } = {},
) {
  const token = randomBytes(16).toString('hex');
  return signSns(
    {
      Type: type,
      MessageId: `msg-${randomBytes(4).toString('hex')}`,
      Token: token,
      TopicArn: topicArn,
      Message: `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL.`,
      SubscribeURL: `https://${subscribeHost}/?Action=ConfirmSubscription&TopicArn=${topicArn}&Token=${token}`,
      Timestamp: '2026-11-27T10:00:00.000Z',
    },
    options,
  );
}

/** SendGrid: ECDSA P-256, SHA-256 over timestamp + body, base64 DER; the key as SendGrid shows it (base64 SPKI). */
export function sendgridKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    sign(body: string, timestamp: number | string) {
      const signature = sign('sha256', Buffer.from(`${timestamp}${body}`, 'utf8'), privateKey).toString('base64');
      return {
        'X-Twilio-Email-Event-Webhook-Signature': signature,
        'X-Twilio-Email-Event-Webhook-Timestamp': String(timestamp),
      };
    },
  };
}

/** Mailgun: hex HMAC-SHA256 of timestamp + token with the signing key, in the body. */
export function mailgunBody(eventData: unknown, signingKey: string, timestamp: number, token = randomBytes(25).toString('hex')) {
  const signature = createHmac('sha256', signingKey).update(`${timestamp}${token}`).digest('hex');
  return JSON.stringify({ signature: { timestamp: String(timestamp), token, signature }, 'event-data': eventData });
}

export const basicAuth = (user: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

export const mailgunKey = 'key-0123456789abcdef0123456789abcdef';
export const postmarkUser = 'postmark';
export const postmarkPassword = randomBytes(32).toString('base64url');

/** One webhook per provider, as the store would return them. */
export function testWebhooks(
  sendgridPublicKey: string,
  sesOverrides: Record<string, unknown> = {},
): Record<string, WebhookRecord> {
  return {
    'wh-ses': { orgId: 1, provider: 'ses', settings: { topicArns: [topicArn], ...sesOverrides } },
    'wh-sendgrid': { orgId: 2, provider: 'sendgrid', settings: { publicKey: sendgridPublicKey } },
    'wh-mailgun': { orgId: 3, provider: 'mailgun', settings: { signingKey: mailgunKey } },
    'wh-postmark': {
      orgId: 4,
      provider: 'postmark',
      settings: { username: postmarkUser, passwordSha256: hashWebhookPassword(postmarkPassword) },
    },
  };
}

export interface RecordedCall {
  orgId: number;
  events: IngestEvent[];
  rawBody: string;
}

/** A store stand-in: keeps every call, and checks each event against the contract the real store relies on. */
export function fakeStore() {
  const calls: RecordedCall[] = [];
  const seen = new Set<string>();
  return {
    calls,
    recordEvents: async (orgId: number, events: IngestEvent[], rawBody: string) => {
      for (const event of events) ingestEventSchema.parse(event);
      calls.push({ orgId, events, rawBody });
      const fresh = events.filter((event) => !seen.has(`${orgId}/${event.source}/${event.eventId}`));
      for (const event of fresh) seen.add(`${orgId}/${event.source}/${event.eventId}`);
      // Like the real store, the outcome says more than counts; the route must pass on the counts only.
      return { inserted: fresh.length, duplicates: events.length - fresh.length, changed: fresh.map((e) => e.recipient) };
    },
  };
}

/** What the routes keep between requests, in a database of their own as the app keeps it in the real one. */
export function verificationCaches(now: () => number = Date.now) {
  const db = openDb(':memory:');
  return { replayCache: mailgunTokenStore(db, now), certificateStore: snsCertificateStore(db) };
}

export function testApp(webhooks: Record<string, WebhookRecord>, overrides: Partial<WebhookRoutesDeps> = {}) {
  const store = fakeStore();
  const confirmations: string[] = [];
  const certificateFetches: string[] = [];
  const deps: WebhookRoutesDeps = {
    findWebhook: (id) => webhooks[id] ?? null,
    recordEvents: store.recordEvents,
    ...verificationCaches(overrides.now),
    fetchCertificate: async (url) => {
      certificateFetches.push(url);
      return snsCertPem;
    },
    fetch: async (url) => {
      confirmations.push(url);
      return new Response('<ConfirmSubscriptionResponse/>', { status: 200 });
    },
    ...overrides,
  };
  return { app: webhookRoutes(deps), store, confirmations, certificateFetches };
}

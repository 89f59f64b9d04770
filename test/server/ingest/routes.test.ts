import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import {
  basicAuth,
  fakeStore,
  fixtureJson,
  fixtureText,
  mailgunBody,
  mailgunKey,
  postmarkPassword,
  postmarkUser,
  sendgridKeys,
  snsConfirmation,
  snsNotification,
  testApp,
  testWebhooks,
  topicArn,
} from './helpers';

const sendgrid = sendgridKeys();
const webhooks = testWebhooks(sendgrid.publicKey);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const sendgridBody = fixtureText('esp/sendgrid-events.json');
const mailgunEvents = fixtureJson<Record<string, unknown>>('esp/mailgun-events.json');
const postmarkRecords = fixtureJson<Record<string, Record<string, unknown>>>('esp/postmark-records.json');
const sesBounce = fixtureJson('bounces/esp/json-amazonses-01.json');

const httpCertUrl = 'http://sns.us-west-2.amazonaws.com/SimpleNotificationService-0123.pem';

type App = { request: (path: string, init: RequestInit) => Response | Promise<Response> };
type WebhookRequest = { path: string; body: string; headers: Record<string, string> };

const post = (app: App, path: string, body: string, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
const send = (app: App, { path, body, headers }: WebhookRequest) => post(app, path, body, headers);

const toSendgrid = (body: string, at = nowSeconds()): WebhookRequest => ({
  path: '/sendgrid/wh-sendgrid',
  body,
  headers: sendgrid.sign(body, at),
});
const toMailgun = (eventData: unknown, key = mailgunKey, at = nowSeconds()): WebhookRequest => ({
  path: '/mailgun/wh-mailgun',
  body: mailgunBody(eventData, key, at),
  headers: {},
});
const toPostmark = (record: unknown, password = postmarkPassword): WebhookRequest => ({
  path: '/postmark/wh-postmark',
  body: JSON.stringify(record),
  headers: basicAuth(postmarkUser, password),
});
/** Paths of the issues, those nested in a union's per-option `errors` included. */
type Issue = { path: (string | number)[]; errors?: Issue[][] };
const issuePaths = (issues: Issue[]): (string | number)[][] =>
  issues.flatMap((issue) => [issue.path, ...(issue.errors ?? []).flatMap((option) => issuePaths(option))]);
const toSes = (message: unknown): WebhookRequest => ({ path: '/ses/wh-ses', body: JSON.stringify(message), headers: {} });

describe('webhookRoutes', () => {
  it('stores a signed SendGrid batch for the webhook’s org and answers with counts', async () => {
    const { app, store } = testApp(webhooks);
    const response = await post(app, '/sendgrid/wh-sendgrid', sendgridBody, sendgrid.sign(sendgridBody, nowSeconds()));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 6, inserted: 6, duplicates: 0 });
    expect(store.calls).toHaveLength(1);
    expect(store.calls[0]?.orgId).toBe(2);
    expect(store.calls[0]?.rawBody).toBe(sendgridBody);
  });

  it('gives a retried delivery the same event ids, so the store keeps one copy', async () => {
    const { app, store } = testApp(webhooks);
    const headers = sendgrid.sign(sendgridBody, nowSeconds());
    await post(app, '/sendgrid/wh-sendgrid', sendgridBody, headers);
    const retry = await post(app, '/sendgrid/wh-sendgrid', sendgridBody, headers);
    expect(await retry.json()).toEqual({ received: 6, inserted: 0, duplicates: 6 });
    expect(store.calls[1]?.events.map((event) => event.eventId)).toEqual(store.calls[0]?.events.map((event) => event.eventId));
  });

  it('works mounted under /v1/webhooks', async () => {
    const { app, store } = testApp(webhooks);
    const server = new Hono().route('/v1/webhooks', app);
    const body = JSON.stringify(postmarkRecords.hardBounce);
    const response = await post(server, '/v1/webhooks/postmark/wh-postmark', body, basicAuth(postmarkUser, postmarkPassword));
    expect(response.status).toBe(200);
    expect(store.calls[0]?.events).toEqual([
      expect.objectContaining({ source: 'postmark', kind: 'bounce', recipient: 'Nobody@Example.com' }),
    ]);
  });

  it.each([
    ['an unknown webhook id', '/sendgrid/wh-nope'],
    ['a webhook id under another provider', '/mailgun/wh-sendgrid'],
    ['an unknown provider', '/sparkpost/wh-sendgrid'],
    ['an id that is not one of our tokens', `/sendgrid/${'x'.repeat(129)}`],
  ])('answers 404 for %s', async (_name, path) => {
    const { app, store } = testApp(webhooks);
    const response = await post(app, path, sendgridBody, sendgrid.sign(sendgridBody, nowSeconds()));
    expect(response.status).toBe(404);
    expect(store.calls).toEqual([]);
  });

  it.each([
    ['declared by Content-Length', { 'Content-Length': String(2 * 1024 * 1024) }],
    ['streamed without a length', {}],
  ])('answers 413 for a body over the limit, %s', async (_name, headers) => {
    const { app, store } = testApp(webhooks, { maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify([{ event: 'open', email: 'a@b.c', padding: 'x'.repeat(100 * 1024) }]);
    const response = await post(app, '/sendgrid/wh-sendgrid', big, { ...sendgrid.sign(big, nowSeconds()), ...headers });
    expect(response.status).toBe(413);
    expect(store.calls).toEqual([]);
  });

  it.each([
    ['a tampered SendGrid body', () => ({ ...toSendgrid(sendgridBody), body: `${sendgridBody} ` }), 'bad-signature'],
    ['SendGrid without signature headers', () => ({ ...toSendgrid(sendgridBody), headers: {} }), 'missing-signature'],
    ['a stale SendGrid timestamp', () => toSendgrid(sendgridBody, nowSeconds() - 3 * 86_400), 'stale-timestamp'],
    ['Mailgun signed with another key', () => toMailgun(mailgunEvents.permanent, 'key-not-ours-0123456789'), 'bad-signature'],
    ['a stale Mailgun timestamp', () => toMailgun(mailgunEvents.permanent, mailgunKey, nowSeconds() - 10 * 3600), 'stale-timestamp'],
    ['a wrong Postmark password', () => toPostmark(postmarkRecords.hardBounce, 'guess'), 'bad-credentials'],
    ['SES from another topic', () => toSes(snsNotification(sesBounce, { topic: `${topicArn}-other` })), 'topic-not-allowed'],
    ['SES with an http cert URL', () => toSes(snsNotification(sesBounce, { signingCertUrl: httpCertUrl })), 'untrusted-cert-url'],
  ])('answers 401 and stores nothing for %s', async (_name, request, reason) => {
    const { app, store } = testApp(webhooks);
    const response = await send(app, request());
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: reason });
    expect(store.calls).toEqual([]);
  });

  it('asks Postmark for Basic credentials', async () => {
    const { app } = testApp(webhooks);
    const response = await post(app, '/postmark/wh-postmark', JSON.stringify(postmarkRecords.hardBounce));
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Basic /);
  });

  it('answers 400 for a correctly signed body that is not JSON', async () => {
    const { app, store } = testApp(webhooks);
    const body = '[{"event": "bounce",';
    const response = await post(app, '/sendgrid/wh-sendgrid', body, sendgrid.sign(body, nowSeconds()));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'malformed-json' });
    expect(store.calls).toEqual([]);
  });

  it.each([
    ['sendgrid', () => toSendgrid('[{"event":"bounce","email":42,"timestamp":1,"sg_event_id":"x"}]'), [0, 'email']],
    ['postmark', () => toPostmark({ ...postmarkRecords.softBounce, BouncedAt: 'soon' }), ['BouncedAt']],
    ['mailgun', () => toMailgun({ id: 'x', event: 'failed', timestamp: 'now' }), ['event-data', 'timestamp']],
    ['ses', () => toSes(snsNotification({ notificationType: 'Bounce', mail: { messageId: 'm' } })), ['Message', 'bounce']],
  ])('answers 400 with the issues for a %s payload of the wrong shape', async (_name, request, issuePath) => {
    const { app, store } = testApp(webhooks);
    const response = await send(app, request());
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: string; issues: Issue[] };
    expect(answer.error).toBe('invalid-payload');
    expect(issuePaths(answer.issues)).toContainEqual(issuePath);
    expect(store.calls).toEqual([]);
  });

  it('refuses a Mailgun token the second time, unless the first delivery failed to store', async () => {
    const store = fakeStore();
    let failures = 1;
    const { app } = testApp(webhooks, {
      recordEvents: async (...args) => {
        if (failures-- > 0) throw new Error('database is locked');
        return store.recordEvents(...args);
      },
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // Hono logs the thrown store error
    const body = mailgunBody(mailgunEvents.permanent, mailgunKey, nowSeconds());
    expect((await post(app, '/mailgun/wh-mailgun', body)).status).toBe(500);
    expect((await post(app, '/mailgun/wh-mailgun', body)).status).toBe(200);
    const replay = await post(app, '/mailgun/wh-mailgun', body);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: 'replayed' });
    expect(store.calls).toHaveLength(1);
  });

  it('accepts events it does not read without calling the store', async () => {
    const { app, store } = testApp(webhooks);
    const body = JSON.stringify(postmarkRecords.open);
    const response = await post(app, '/postmark/wh-postmark', body, basicAuth(postmarkUser, postmarkPassword));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 0 });
    expect(store.calls).toEqual([]);
  });

  it('fails closed with 500 when the stored settings are invalid', async () => {
    const broken = { ...webhooks, 'wh-ses': { orgId: 1, provider: 'ses', settings: { topicArns: [] } } };
    const { app, store, certificateFetches } = testApp(broken);
    const response = await post(app, '/ses/wh-ses', JSON.stringify(snsNotification(sesBounce)));
    expect(response.status).toBe(500);
    expect(store.calls).toEqual([]);
    expect(certificateFetches).toEqual([]);
  });
});

describe('webhookRoutes for SES', () => {
  it('stores a signed bounce notification', async () => {
    const { app, store, certificateFetches } = testApp(webhooks);
    const response = await post(app, '/ses/wh-ses', JSON.stringify(snsNotification(sesBounce, { version: '2' })));
    expect(response.status).toBe(200);
    expect(store.calls[0]?.events).toEqual([
      expect.objectContaining({ source: 'ses', kind: 'bounce', recipient: 'bounce@simulator.amazonses.com', status: '5.1.1' }),
    ]);
    expect(certificateFetches).toHaveLength(1);
  });

  it('answers 503 when the signing certificate cannot be fetched, so SNS retries', async () => {
    const { app, store } = testApp(webhooks, { fetchCertificate: async () => Promise.reject(new Error('ETIMEDOUT')) });
    const response = await post(app, '/ses/wh-ses', JSON.stringify(snsNotification(sesBounce)));
    expect(response.status).toBe(503);
    expect(store.calls).toEqual([]);
  });

  it('confirms a SubscriptionConfirmation by fetching its SubscribeURL once', async () => {
    const { app, store, confirmations } = testApp(webhooks);
    const message = snsConfirmation('SubscriptionConfirmation');
    const response = await post(app, '/ses/wh-ses', JSON.stringify(message));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ confirmed: true, received: 0 });
    expect(confirmations).toEqual([message.SubscribeURL]);
    expect(store.calls).toEqual([]);
  });

  it('does not confirm a SubscriptionConfirmation whose signature fails', async () => {
    const { app, confirmations } = testApp(webhooks);
    const message = { ...snsConfirmation('SubscriptionConfirmation'), Token: 'forged' };
    expect((await post(app, '/ses/wh-ses', JSON.stringify(message))).status).toBe(401);
    expect(confirmations).toEqual([]);
  });

  it('answers 502 when the confirmation GET fails', async () => {
    const { app } = testApp(webhooks, { fetch: async () => new Response('denied', { status: 403 }) });
    expect((await post(app, '/ses/wh-ses', JSON.stringify(snsConfirmation('SubscriptionConfirmation')))).status).toBe(502);
  });

  it('takes note of an UnsubscribeConfirmation without fetching anything', async () => {
    const { app, store, confirmations } = testApp(webhooks);
    const response = await post(app, '/ses/wh-ses', JSON.stringify(snsConfirmation('UnsubscribeConfirmation')));
    expect(response.status).toBe(200);
    expect(confirmations).toEqual([]);
    expect(store.calls).toEqual([]);
  });
});

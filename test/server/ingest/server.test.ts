import { once } from 'node:events';
import { type Server, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebhookRecord, webhookRoutes } from '../../../server/ingest/routes';
import { httpsCertificateFetcher } from '../../../server/ingest/sns-certificates';
import {
  fakeStore,
  fixtureJson,
  fixtureText,
  sendgridKeys,
  snsCertPem,
  snsConfirmation,
  snsKeyPem,
  snsNotification,
  testWebhooks,
  topicArn,
  verificationCaches,
} from './helpers';

/**
 * The whole path over real sockets, all on 127.0.0.1: our server (@hono/node-server) takes real fetch() POSTs,
 * and the SNS signing certificate comes from a local HTTPS server, fetched by the production fetcher with the test
 * certificate as its only trusted root. The SubscribeURL GET is the one thing faked: it would leave the machine.
 */

let certificateHits: string[] = [];
let certificateServer: Server;
let certificateOrigin = '';
let api: ReturnType<typeof serve>;
let apiOrigin = '';
const store = fakeStore();
const confirmations: string[] = [];
const sendgrid = sendgridKeys();
const sesBounce = fixtureJson('bounces/esp/json-amazonses-01.json');

beforeAll(async () => {
  certificateServer = createHttpsServer({ key: snsKeyPem, cert: snsCertPem }, (request, response) => {
    certificateHits.push(request.url ?? '');
    if (request.url !== '/SimpleNotificationService-test.pem') return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/x-pem-file' }).end(snsCertPem);
  });
  certificateServer.listen(0, '127.0.0.1');
  await once(certificateServer, 'listening');
  certificateOrigin = `https://127.0.0.1:${(certificateServer.address() as AddressInfo).port}`;

  const webhooks: Record<string, WebhookRecord> = {
    ...testWebhooks(sendgrid.publicKey, { snsHostPattern: String.raw`^127\.0\.0\.1:\d+$` }),
    'wh-ses-aws-only': { orgId: 1, provider: 'ses', settings: { topicArns: [topicArn] } },
  };
  const routes = webhookRoutes({
    findWebhook: (id) => webhooks[id] ?? null,
    recordEvents: store.recordEvents,
    fetchCertificate: httpsCertificateFetcher({ ca: snsCertPem, timeoutMs: 2000 }),
    ...verificationCaches(),
    fetch: async (url) => {
      confirmations.push(url);
      return new Response('<ConfirmSubscriptionResponse/>');
    },
    maxBodyBytes: 256 * 1024,
  });
  const app = new Hono().route('/v1/webhooks', routes);
  const listening = new Promise<AddressInfo>((resolve) => {
    api = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, resolve);
  });
  apiOrigin = `http://127.0.0.1:${(await listening).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
  await new Promise((resolve) => certificateServer.close(resolve));
});

// SNS posts JSON as text/plain; the routes must not care about the content type.
const postTo = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${apiOrigin}/v1/webhooks${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain; charset=UTF-8', ...headers },
  });

describe('webhooks over a real listening server', () => {
  it('verifies SES notifications against a certificate served over HTTPS, fetching it once', async () => {
    certificateHits = [];
    const signingCertUrl = `${certificateOrigin}/SimpleNotificationService-test.pem`;
    for (const version of ['1', '2']) {
      const response = await postTo('/ses/wh-ses', JSON.stringify(snsNotification(sesBounce, { version, signingCertUrl })));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ received: 1 });
    }
    expect(certificateHits).toEqual(['/SimpleNotificationService-test.pem']);
    expect(store.calls.at(-1)?.events[0]).toMatchObject({ kind: 'bounce', recipient: 'bounce@simulator.amazonses.com' });
  });

  it('refuses an http SigningCertURL without fetching it', async () => {
    certificateHits = [];
    const signingCertUrl = `${certificateOrigin.replace('https:', 'http:')}/SimpleNotificationService-test.pem`;
    const response = await postTo('/ses/wh-ses', JSON.stringify(snsNotification(sesBounce, { signingCertUrl })));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'untrusted-cert-url' });
    expect(certificateHits).toEqual([]);
  });

  it('refuses a certificate host outside the default AWS pattern', async () => {
    certificateHits = [];
    const signingCertUrl = `${certificateOrigin}/SimpleNotificationService-test.pem`;
    const response = await postTo('/ses/wh-ses-aws-only', JSON.stringify(snsNotification(sesBounce, { signingCertUrl })));
    expect(response.status).toBe(401);
    expect(certificateHits).toEqual([]);
  });

  it('answers 503 when the certificate URL does not serve a certificate', async () => {
    const signingCertUrl = `${certificateOrigin}/SimpleNotificationService-missing.pem`;
    const response = await postTo('/ses/wh-ses', JSON.stringify(snsNotification(sesBounce, { signingCertUrl })));
    expect(response.status).toBe(503);
  });

  it('confirms a subscription once', async () => {
    const host = certificateOrigin.replace('https://', '');
    const signingCertUrl = `${certificateOrigin}/SimpleNotificationService-test.pem`;
    const message = snsConfirmation('SubscriptionConfirmation', { subscribeHost: host, signingCertUrl });
    const response = await postTo('/ses/wh-ses', JSON.stringify(message));
    expect(response.status).toBe(200);
    expect(confirmations).toEqual([message.SubscribeURL]);
  });

  it('stores a signed SendGrid batch and refuses a tampered one', async () => {
    const body = fixtureText('esp/sendgrid-events.json');
    const headers = sendgrid.sign(body, Math.floor(Date.now() / 1000));
    const before = store.calls.length;
    expect((await postTo('/sendgrid/wh-sendgrid', body, headers)).status).toBe(200);
    expect((await postTo('/sendgrid/wh-sendgrid', body.replace('ok@', 'ko@'), headers)).status).toBe(401);
    expect(store.calls.length).toBe(before + 1);
  });

  it('answers 413 for an oversize body and 404 for an unknown webhook', async () => {
    expect((await postTo('/sendgrid/wh-sendgrid', 'x'.repeat(300 * 1024))).status).toBe(413);
    expect((await postTo('/sendgrid/wh-unknown', '[]')).status).toBe(404);
  });
});

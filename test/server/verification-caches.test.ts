import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDb, type Db } from '../../server/db/open';
import { createOrg } from '../../server/db/orgs';
import { createWebhook } from '../../server/db/webhooks';
import { httpsCertificateFetcher } from '../../server/ingest/sns-certificates';
import { count, DAY, START } from './helpers';
import { fixtureJson, mailgunBody, mailgunKey, snsCertPem, snsKeyPem, snsNotification, topicArn } from './ingest/helpers';

/**
 * What webhook verification remembers lives in the database file: a server started again on it (a new createApp on a
 * new connection, as after a restart or beside the CLI) refuses a used Mailgun token and reuses the SNS certificate.
 */

const mailgunEvents = fixtureJson<Record<string, Record<string, unknown>>>('esp/mailgun-events.json');
const sesBounce = fixtureJson('bounces/esp/json-amazonses-01.json');
const certPath = '/SimpleNotificationService-test.pem';
const portalPath = '/SimpleNotificationService-portal.pem';

let dir: string;
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  rmSync(dir, { recursive: true, force: true });
});

let certificateHits: string[] = [];
let certificateServer: Server;
let certificateOrigin = '';

beforeAll(async () => {
  certificateServer = createServer({ key: snsKeyPem, cert: snsCertPem }, (request, response) => {
    certificateHits.push(request.url ?? '');
    // A captive portal's answer: 200, but no certificate.
    if (request.url === portalPath) return response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>Log in</html>');
    if (request.url !== certPath) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/x-pem-file' }).end(snsCertPem);
  });
  certificateServer.listen(0, '127.0.0.1');
  await once(certificateServer, 'listening');
  certificateOrigin = `https://127.0.0.1:${(certificateServer.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => certificateServer.close(resolve)));

/** A database file with one org and its webhooks, and a way to start a server on it (again) with a shared clock. */
function databaseFile() {
  dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-caches-'));
  const file = path.join(dir, 'bg.sqlite');
  let clock = START;
  const setup = openDb(file);
  open.push(setup);
  const org = createOrg(setup, 'Acme', clock);
  const mailgun = createWebhook(setup, { orgId: org.id, provider: 'mailgun', settings: { signingKey: mailgunKey } }, clock);
  const ses = createWebhook(
    setup,
    { orgId: org.id, provider: 'ses', settings: { topicArns: [topicArn], snsHostPattern: String.raw`^127\.0\.0\.1:\d+$` } },
    clock,
  );
  const sesAwsOnly = createWebhook(setup, { orgId: org.id, provider: 'ses', settings: { topicArns: [topicArn] } }, clock);

  function start() {
    const db = openDb(file);
    open.push(db);
    const fetchCertificate = httpsCertificateFetcher({ ca: snsCertPem, timeoutMs: 2000 });
    const app = createApp({ db, now: () => clock, fetchCertificate });
    const post = async (hook: string, provider: string, body: string) => {
      const response = await app.request(`/v1/webhooks/${provider}/${hook}`, { method: 'POST', body });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    return { db, post };
  }
  return { setup, mailgun, ses, sesAwsOnly, start, advance: (ms: number) => void (clock += ms), now: () => clock };
}

describe('Mailgun tokens in the database', () => {
  it('refuses a replay after a restart, while a retry with a fresh token is stored as a duplicate', async () => {
    const file = databaseFile();
    const body = mailgunBody(mailgunEvents.permanent, mailgunKey, Math.floor(file.now() / 1000));
    const first = file.start();
    expect(await first.post(file.mailgun, 'mailgun', body)).toMatchObject({ status: 200, body: { inserted: 1 } });
    first.db.close();

    const second = file.start();
    file.advance(60_000);
    expect(await second.post(file.mailgun, 'mailgun', body)).toEqual({ status: 401, body: { error: 'replayed' } });
    const retry = mailgunBody(mailgunEvents.permanent, mailgunKey, Math.floor(file.now() / 1000));
    expect(await second.post(file.mailgun, 'mailgun', retry)).toMatchObject({ status: 200, body: { duplicates: 1 } });
  });

  it('refuses at one server a token another server on the same file just consumed', async () => {
    const file = databaseFile();
    const [one, two] = [file.start(), file.start()];
    const body = mailgunBody(mailgunEvents.permanent, mailgunKey, Math.floor(file.now() / 1000));
    expect((await one.post(file.mailgun, 'mailgun', body)).status).toBe(200);
    // The body is not signed: the same signature block with other events must not get in either.
    const forged = body.replace('nobody@example.com', 'ceo@acme.test');
    expect(await two.post(file.mailgun, 'mailgun', forged)).toEqual({ status: 401, body: { error: 'replayed' } });
    expect(count(file.setup, 'bounce_events')).toBe(1);
  });

  it('prunes expired tokens as new ones arrive', async () => {
    const file = databaseFile();
    const server = file.start();
    const at = () => Math.floor(file.now() / 1000);
    expect((await server.post(file.mailgun, 'mailgun', mailgunBody(mailgunEvents.permanent, mailgunKey, at()))).status).toBe(200);
    file.advance(9 * 3600_000 + 60_000); // past the default window, which covers Mailgun's 8 hours of retries
    expect((await server.post(file.mailgun, 'mailgun', mailgunBody(mailgunEvents.delivered, mailgunKey, at()))).status).toBe(200);
    expect(file.setup.prepare('SELECT expires_at FROM mailgun_tokens').pluck().all()).toEqual([file.now() + 9 * 3600_000]);
  });
});

describe('SNS signing certificates in the database', () => {
  const signedAt = () => JSON.stringify(snsNotification(sesBounce, { signingCertUrl: `${certificateOrigin}${certPath}` }));

  it('fetches a certificate once, reuses it after a restart, and fetches it again once it is a day old', async () => {
    certificateHits = [];
    const file = databaseFile();
    const first = file.start();
    expect((await first.post(file.ses, 'ses', signedAt())).status).toBe(200);
    expect((await first.post(file.ses, 'ses', signedAt())).status).toBe(200);
    expect(certificateHits).toEqual([certPath]);
    first.db.close();

    const second = file.start();
    file.advance(DAY - 1);
    expect((await second.post(file.ses, 'ses', signedAt())).status).toBe(200);
    expect(certificateHits).toEqual([certPath]);

    file.advance(1);
    expect((await second.post(file.ses, 'ses', signedAt())).status).toBe(200);
    expect(certificateHits).toEqual([certPath, certPath]);
    expect(file.setup.prepare('SELECT url, fetched_at AS fetchedAt FROM sns_certificates').all()).toEqual([
      { url: `${certificateOrigin}${certPath}`, fetchedAt: START + DAY },
    ]);
  });

  it('checks the webhook’s host allow-list before the stored certificate', async () => {
    certificateHits = [];
    const file = databaseFile();
    const server = file.start();
    expect((await server.post(file.ses, 'ses', signedAt())).status).toBe(200);
    expect(await server.post(file.sesAwsOnly, 'ses', signedAt())).toEqual({ status: 401, body: { error: 'untrusted-cert-url' } });
    expect(certificateHits).toEqual([certPath]);
  });

  it.each([
    ['a 404', '/SimpleNotificationService-missing.pem'],
    ['a page that is no certificate', portalPath],
  ])('keeps nothing from %s, and asks again next time', async (_, urlPath) => {
    certificateHits = [];
    const file = databaseFile();
    const server = file.start();
    const body = () => JSON.stringify(snsNotification(sesBounce, { signingCertUrl: `${certificateOrigin}${urlPath}` }));
    expect(await server.post(file.ses, 'ses', body())).toEqual({ status: 503, body: { error: 'certificate-unavailable' } });
    expect(await server.post(file.ses, 'ses', body())).toEqual({ status: 503, body: { error: 'certificate-unavailable' } });
    expect(certificateHits).toEqual([urlPath, urlPath]);
    expect(count(file.setup, 'sns_certificates')).toBe(0);
  });
});

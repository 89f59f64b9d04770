import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { type VerifyResult, failureStatus, parseJson } from './common';
import type { IngestEvent } from './event';
import { type ReplayCache, mailgunPayloadSchema, parseMailgun, verifyMailgun } from './mailgun';
import { parsePostmark, postmarkPayloadSchema, verifyPostmark } from './postmark';
import { parseSendgrid, sendgridPayloadSchema, verifySendgrid } from './sendgrid';
import { parseSes, sesPayloadSchema, verifySes } from './ses';
import { type WebhookSettings, webhookSettingsSchema } from './settings';
import { confirmSnsSubscription } from './sns';
import { type CertificateStore, type FetchCertificate, createCertificateCache } from './sns-certificates';

/** A webhook as the store keeps it; `settings` is checked against the provider's schema on every request. */
export interface WebhookRecord {
  orgId: number;
  provider: string;
  settings: unknown;
}

export interface RecordOutcome {
  inserted: number;
  duplicates: number;
}

export interface WebhookRoutesDeps {
  /** By the unguessable id in the URL; nothing when there is no such webhook (or it was deleted). */
  findWebhook(webhookId: string): Awaitable<WebhookRecord | null | undefined>;
  /**
   * Idempotent by (org, source, eventId), one transaction. A throw goes to the app's error handler: 5xx, and the
   * provider retries. Only the counts of the outcome reach the response.
   */
  recordEvents(orgId: number, events: IngestEvent[], rawBody: string): Awaitable<RecordOutcome | void>;
  /** SES: the PEM at a SigningCertURL (production: `httpsCertificateFetcher()`), when `certificateStore` lacks it. */
  fetchCertificate: FetchCertificate;
  /** SES: fetched certificates, kept a day per URL. */
  certificateStore: CertificateStore;
  /** SES: GET of a SubscribeURL to confirm a subscription (production: the global `fetch`). */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
  /** Mailgun one-time tokens. */
  replayCache: ReplayCache;
  /** 413 above this; default 1 MiB (SNS caps messages at 256 KiB; SendGrid batches stay well under). */
  maxBodyBytes?: number;
}

type Awaitable<T> = T | Promise<T>;
type Webhook = WebhookSettings & { id: string; orgId: number };

type Parsed =
  | { ok: true; events: IngestEvent[]; confirm?: { TopicArn: string; SubscribeURL: string } }
  | { ok: false; issues: z.core.$ZodIssue[] };

/**
 * `POST /:provider/:webhookId`, mounted by the server at /v1/webhooks. Order matters: unknown webhook → 404
 * before the body is read; size → 413; signature → 401 (nothing parsed further); JSON and schema → 400; then
 * store → 200.
 * Nothing is stored unless every step passed.
 */
export function webhookRoutes(deps: WebhookRoutesDeps) {
  const now = deps.now ?? Date.now;
  const certificates = createCertificateCache(deps.fetchCertificate, deps.certificateStore);
  const { replayCache } = deps;
  const maxSize = deps.maxBodyBytes ?? 1024 * 1024;

  const verify = (webhook: Webhook, rawBody: string, headers: Headers): VerifyResult | Promise<VerifyResult> => {
    switch (webhook.provider) {
      case 'ses':
        return verifySes(rawBody, headers, webhook.settings, { certificates, now });
      case 'sendgrid':
        return verifySendgrid(rawBody, headers, webhook.settings, { now });
      case 'mailgun':
        return verifyMailgun(rawBody, headers, webhook.settings, { now, replayCache, webhookId: webhook.id });
      case 'postmark':
        return verifyPostmark(rawBody, headers, webhook.settings);
    }
  };

  /** A store that failed (5xx, the provider retries) gives back what verifying consumed, or the retry is refused. */
  const recordOrRelease = async (
    orgId: number,
    events: IngestEvent[],
    rawBody: string,
    verified: { release?: () => void },
  ) => {
    try {
      return await deps.recordEvents(orgId, events, rawBody);
    } catch (error) {
      verified.release?.();
      throw error;
    }
  };

  const app = new Hono<{ Variables: { webhook: Webhook } }>();

  app.post(
    '/:provider/:webhookId',
    async (c, next) => {
      const webhookId = c.req.param('webhookId');
      // Ids are ours (URL-safe tokens): anything else is not looked up at all.
      const record = /^[A-Za-z0-9_-]{1,128}$/.test(webhookId) ? await deps.findWebhook(webhookId) : null;
      if (!record || record.provider !== c.req.param('provider')) return c.json({ error: 'unknown-webhook' }, 404);
      const settings = webhookSettingsSchema.safeParse({ provider: record.provider, settings: record.settings });
      // Our own data is wrong: fail closed and loudly, the provider will retry once it is fixed.
      if (!settings.success) return c.json({ error: 'webhook-misconfigured' }, 500);
      c.set('webhook', { id: webhookId, orgId: record.orgId, ...settings.data });
      await next();
    },
    bodyLimit({ maxSize, onError: (c) => c.json({ error: 'payload-too-large', maxBytes: maxSize }, 413) }),
    async (c) => {
      const webhook = c.get('webhook');
      const rawBody = await c.req.text();

      const verified = await verify(webhook, rawBody, c.req.raw.headers);
      if (!verified.ok) {
        if (webhook.provider === 'postmark') c.header('WWW-Authenticate', 'Basic realm="bounce-guard-webhook"');
        return c.json({ error: verified.reason, issues: verified.issues }, failureStatus(verified.reason));
      }

      const json = parseJson(rawBody);
      if (json === undefined) return c.json({ error: 'malformed-json' }, 400);
      const parsed = parse(webhook.provider, json);
      if (!parsed.ok) return c.json({ error: 'invalid-payload', issues: parsed.issues }, 400);

      if (parsed.confirm && webhook.provider === 'ses') {
        const outcome = await confirmSnsSubscription(parsed.confirm, webhook.settings, deps.fetch);
        if (outcome === 'refused') return c.json({ error: 'untrusted-subscribe-url' }, 400);
        if (outcome === 'failed') return c.json({ error: 'confirmation-failed' }, 502);
        return c.json({ confirmed: true, received: 0 }, 200);
      }

      const { events } = parsed;
      const outcome = events.length > 0 ? await recordOrRelease(webhook.orgId, events, rawBody, verified) : undefined;
      const counts = outcome ? { inserted: outcome.inserted, duplicates: outcome.duplicates } : {};
      return c.json({ received: events.length, ...counts }, 200);
    },
  );

  return app;
}

function parse(provider: Webhook['provider'], json: unknown): Parsed {
  switch (provider) {
    case 'ses': {
      const result = sesPayloadSchema.safeParse(json);
      if (!result.success) return { ok: false, issues: result.error.issues };
      const confirm = result.data.Type === 'SubscriptionConfirmation' ? result.data : undefined;
      return { ok: true, events: parseSes(result.data), confirm };
    }
    case 'sendgrid':
      return parseWith(sendgridPayloadSchema, json, parseSendgrid);
    case 'mailgun':
      return parseWith(mailgunPayloadSchema, json, parseMailgun);
    case 'postmark':
      return parseWith(postmarkPayloadSchema, json, parsePostmark);
  }
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, toEvents: (payload: T) => IngestEvent[]): Parsed {
  const result = schema.safeParse(json);
  return result.success ? { ok: true, events: toEvents(result.data) } : { ok: false, issues: result.error.issues };
}

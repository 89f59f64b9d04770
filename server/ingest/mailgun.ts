import { createHmac } from 'node:crypto';
import { z } from 'zod';
import {
  type VerifyResult,
  ingestEvent,
  isFresh,
  parseJson,
  recipientField,
  refused,
  secretsEqual,
  unixSeconds,
} from './common';
import type { IngestEvent } from './event';
import type { MailgunSettings } from './settings';

/**
 * Mailgun webhooks (JSON, one event per POST). Signature: hex HMAC-SHA256 of `timestamp + token` with the webhook
 * signing key, in the body's `signature` object; subaccount events add `parent-signature`, made with the primary
 * account's key (documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks, read 2026-11).
 * The body itself is not signed, so the token is single-use and the timestamp must be fresh.
 * Event fields: documentation.mailgun.com/docs/mailgun/user-manual/events/event-types.
 */

/** Tokens already used, so a captured request cannot be replayed. Shared by every Mailgun webhook of the server. */
export interface ReplayCache {
  has(token: string): boolean;
  /** Remember `token` until `expiresAt` (ms), when its timestamp would fail the freshness check anyway. */
  add(token: string, expiresAt: number): void;
}

/** In-memory: a restart forgets, which the freshness window bounds. */
export function createReplayCache({
  maxEntries = 100_000,
  now = Date.now,
}: { maxEntries?: number; now?: () => number } = {}): ReplayCache {
  const expiries = new Map<string, number>();
  return {
    has: (token) => (expiries.get(token) ?? 0) > now(),
    add(token, expiresAt) {
      expiries.set(token, expiresAt);
      if (expiries.size <= maxEntries) return;
      const current = now();
      for (const [old, expiry] of expiries) if (expiry <= current) expiries.delete(old);
      // Still full of live tokens: forget the oldest ones rather than grow without bound.
      for (const old of expiries.keys()) {
        if (expiries.size <= maxEntries) break;
        expiries.delete(old);
      }
    },
  };
}

export interface MailgunVerifyDeps {
  now: () => number;
  replayCache: ReplayCache;
}

const signatureBlock = z.looseObject({
  timestamp: z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]),
  token: z.string().min(1).max(200),
  signature: z.string().regex(/^[0-9a-f]{64}$/i),
  'parent-signature': z.string().optional(),
});

export function verifyMailgun(
  rawBody: string,
  _headers: Headers,
  settings: MailgunSettings,
  deps: MailgunVerifyDeps,
): VerifyResult {
  const body = parseJson(rawBody);
  if (body === undefined) return refused('malformed-json');
  const block = (body as { signature?: unknown } | null)?.signature;
  if (block === undefined) return refused('missing-signature');
  const parsed = signatureBlock.safeParse(block);
  if (!parsed.success) return refused('malformed-signature');

  const { timestamp, token, signature, 'parent-signature': parentSignature } = parsed.data;
  const expected = createHmac('sha256', settings.signingKey).update(`${timestamp}${token}`, 'utf8').digest('hex');
  const signed =
    secretsEqual(signature.toLowerCase(), expected) ||
    (parentSignature !== undefined && secretsEqual(parentSignature.toLowerCase(), expected));
  if (!signed) return refused('bad-signature');

  const now = deps.now();
  if (!isFresh(Number(timestamp), now, settings.maxAgeSeconds)) return refused('stale-timestamp');
  if (deps.replayCache.has(token)) return refused('replayed');
  // Consumed only once the events are stored: a delivery we failed to store may come again with the same token.
  const expiresAt = (Number(timestamp) + settings.maxAgeSeconds) * 1000;
  return { ok: true, commit: () => deps.replayCache.add(token, expiresAt) };
}

const readEvents = new Set(['delivered', 'failed', 'complained']);

/** `failed` reasons for "not sent, already on a suppression list" (Mailgun answers code 605 for these). */
const suppressionReasons = new Set(['suppress-bounce', 'suppress-unsubscribe', 'suppress-complaint']);

export const mailgunPayloadSchema = z.looseObject({
  'event-data': z
    .looseObject({
      id: z.string().min(1),
      event: z.string().min(1),
      timestamp: unixSeconds,
      recipient: recipientField.optional(),
      severity: z.string().optional(),
      reason: z.string().optional(),
      'delivery-status': z
        .looseObject({
          code: z.union([z.number(), z.string()]).optional(),
          message: z.string().optional(),
          description: z.string().optional(),
          'enhanced-code': z.string().optional(),
        })
        .optional(),
      message: z.looseObject({ headers: z.looseObject({ 'message-id': z.string().optional() }).optional() }).optional(),
    })
    .superRefine((data, ctx) => {
      if (readEvents.has(data.event) && data.recipient === undefined) {
        ctx.addIssue({ code: 'custom', message: 'Required for this event', path: ['recipient'] });
      }
    }),
});
export type MailgunPayload = z.infer<typeof mailgunPayloadSchema>;

export function parseMailgun(payload: MailgunPayload): IngestEvent[] {
  const data = payload['event-data'];
  const kind = kindOf(data.event, data.severity, data.reason);
  if (!kind || !data.recipient) return [];
  const status = data['delivery-status'];
  return [
    ingestEvent({
      source: 'mailgun',
      kind,
      // The event id is only unique within a day (anymail's Mailgun notes); with the event time it is for good.
      idParts: [data.id, data.timestamp],
      recipient: data.recipient,
      occurredAt: data.timestamp,
      diagnostic: status?.message || status?.description,
      codes: [status?.['enhanced-code'], status?.code],
      providerClass: [data.event, data.severity, data.reason].filter(Boolean).join('/'),
      messageId: data.message?.headers?.['message-id'],
    }),
  ];
}

function kindOf(event: string, severity: string | undefined, reason: string | undefined): IngestEvent['kind'] | null {
  switch (event) {
    case 'delivered':
      return 'delivery';
    case 'complained':
      return 'complaint';
    case 'failed':
      if (severity === 'temporary') return 'deferred';
      return reason !== undefined && suppressionReasons.has(reason) ? 'suppressed-echo' : 'bounce';
    default:
      return null;
  }
}

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

/**
 * Tokens already used, so a captured signature block cannot be replayed (with this body or another). Shared by
 * every Mailgun webhook of the server and kept in the database (app: the mailgun_tokens table), so neither a restart
 * nor a second server process on the same file forgets one.
 */
export interface ReplayCache {
  /** Consumes `token` until `expiresAt` (ms), atomically; false when it was consumed already: a replay. */
  claim(token: string, webhookId: string, expiresAt: number): boolean;
  /** Frees a consumed token whose delivery could not be stored. */
  release(token: string): void;
}

export interface MailgunVerifyDeps {
  now: () => number;
  replayCache: ReplayCache;
  /** The webhook the request came to, recorded with the token it consumes. */
  webhookId: string;
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
  // Consumed now, before anything is stored, so two requests racing with one token never both get through; the
  // route gives it back if storing fails, since Mailgun's retry re-sends the same signature block.
  const expiresAt = (Number(timestamp) + settings.maxAgeSeconds) * 1000;
  if (!deps.replayCache.claim(token, deps.webhookId, expiresAt)) return refused('replayed');
  return { ok: true, release: () => deps.replayCache.release(token) };
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

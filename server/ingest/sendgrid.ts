import { createHash, createPublicKey, verify } from 'node:crypto';
import { z } from 'zod';
import { type VerifyResult, ingestEvent, isFresh, recipientField, refused } from './common';
import type { IngestEvent } from './event';
import type { SendgridSettings } from './settings';

/**
 * Twilio SendGrid Event Webhook, signed. Signature: ECDSA P-256 / SHA-256 over the timestamp header followed by the
 * raw body, base64 DER in the signature header; the key is base64 SPKI DER
 * (twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features).
 * Events: twilio.com/docs/sendgrid/for-developers/tracking-events/event (both read 2026-11). A POST is a JSON
 * array of up to ~1000 events of every kind, engagement ones included; we read the delivery ones.
 */

export const sendgridSignatureHeader = 'X-Twilio-Email-Event-Webhook-Signature';
export const sendgridTimestampHeader = 'X-Twilio-Email-Event-Webhook-Timestamp';

export interface SendgridVerifyDeps {
  now: () => number;
}

export function verifySendgrid(
  rawBody: string,
  headers: Headers,
  settings: SendgridSettings,
  deps: SendgridVerifyDeps,
): VerifyResult {
  const signature = headers.get(sendgridSignatureHeader);
  const timestamp = headers.get(sendgridTimestampHeader);
  if (!signature || !timestamp) return refused('missing-signature');
  if (!/^\d{1,12}$/.test(timestamp)) return refused('malformed-signature');
  // The signature goes first: nobody learns anything about our clock or the payload without the key.
  if (!ecdsaVerify(settings.publicKey, `${timestamp}${rawBody}`, signature)) return refused('bad-signature');
  if (!isFresh(Number(timestamp), deps.now(), settings.maxAgeSeconds)) return refused('stale-timestamp');
  return { ok: true };
}

function ecdsaVerify(publicKeyBase64: string, signed: string, signatureBase64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify('sha256', Buffer.from(signed, 'utf8'), key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/** Events we turn into IngestEvents; every other `event` (open, click, processed, ...) passes through unread. */
const readEvents = new Set(['bounce', 'dropped', 'deferred', 'delivered', 'spamreport']);

/**
 * `dropped` reasons that mean "on one of your suppression lists already", as SendGrid words them (seen in the
 * Event Webhook reference and in anymail's SendGrid handler, 2026-11). Other drops (e.g. "Invalid SMTPAPI header")
 * are about the message, not the address, and are skipped.
 */
const suppressionReasons = new Set(['Bounced Address', 'Unsubscribed Address', 'Spam Reporting Address', 'Invalid']);

const legacyCreated = z.union([
  z.number().nonnegative().transform((seconds) => seconds * 1000),
  // "2011-10-08 12:32:14": SendGrid's v2 bounce list wrote UTC without saying so.
  z
    .string()
    .regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    .transform((text) => Date.parse(`${text.replace(' ', 'T')}Z`)),
]);

const sendgridRecordSchema = z
  .looseObject({
    event: z.string().optional(),
    email: recipientField.optional(),
    timestamp: z.number().int().nonnegative().optional(),
    created: legacyCreated.optional(),
    sg_event_id: z.string().min(1).optional(),
    'smtp-id': z.string().optional(),
    reason: z.string().optional(),
    response: z.string().optional(),
    status: z.union([z.string(), z.number()]).optional(),
    type: z.string().optional(),
    bounce_classification: z.string().optional(),
  })
  .superRefine((record, ctx) => {
    // Without `event` it is the older bounce-list shape {email, status, reason, created} of sisimai's SendGrid
    // fixtures (Web API v2 bounces); SendGrid's webhook never sends it, but a signed one reads plainly as a bounce.
    const needs: readonly ('email' | 'timestamp' | 'created')[] =
      record.event === undefined ? ['email', 'created'] : readEvents.has(record.event) ? ['email', 'timestamp'] : [];
    for (const key of needs) {
      if (record[key] === undefined) ctx.addIssue({ code: 'custom', message: `Required for this event`, path: [key] });
    }
  });

export const sendgridPayloadSchema = z.array(sendgridRecordSchema).max(10_000);
export type SendgridPayload = z.infer<typeof sendgridPayloadSchema>;
type SendgridRecord = SendgridPayload[number];

export function parseSendgrid(records: SendgridPayload): IngestEvent[] {
  return records.flatMap((record) => {
    const kind = kindOf(record);
    if (!kind || !record.email) return [];
    const occurredAt = record.timestamp !== undefined ? record.timestamp * 1000 : (record.created ?? 0);
    return [
      ingestEvent({
        source: 'sendgrid',
        kind,
        // sg_event_id is unique per event and stable across retries; old events without one hash to themselves.
        idParts: [record.sg_event_id ?? `sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`],
        recipient: record.email,
        occurredAt,
        diagnostic: record.event === 'deferred' || record.event === 'delivered' ? record.response : record.reason,
        codes: [record.status],
        providerClass: [record.event ?? 'bounce-list', record.type, record.bounce_classification]
          .concat(record.event === 'dropped' ? [record.reason] : [])
          .filter(Boolean)
          .join('/'),
        messageId: record['smtp-id'],
      }),
    ];
  });
}

function kindOf(record: SendgridRecord): IngestEvent['kind'] | null {
  switch (record.event) {
    case undefined:
    case 'bounce': // type "bounce" or "blocked": policy tells them apart by status and text
      return 'bounce';
    case 'dropped':
      return record.reason !== undefined && suppressionReasons.has(record.reason) ? 'suppressed-echo' : null;
    case 'deferred':
      return 'deferred';
    case 'delivered':
      return 'delivery';
    case 'spamreport':
      return 'complaint';
    default:
      return null;
  }
}

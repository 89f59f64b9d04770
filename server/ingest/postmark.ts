import { z } from 'zod';
import { type VerifyResult, ingestEvent, isoTime, recipientField, refused, secretsEqual } from './common';
import type { IngestEvent } from './event';
import { type PostmarkSettings, hashWebhookPassword } from './settings';

/**
 * Postmark bounce, spam-complaint and delivery webhooks (one record per POST). Postmark signs nothing: the only
 * check is the Basic auth configured on the webhook (postmarkapp.com/developer/webhooks/webhooks-overview), so the
 * URL must be https and the password ours (random, see settings.ts).
 * Records: postmarkapp.com/developer/webhooks/bounce-webhook, …/spam-complaint-webhook, …/delivery-webhook;
 * bounce types: postmarkapp.com/developer/api/bounce-api#bounce-types (all read 2026-11).
 */

export function verifyPostmark(_rawBody: string, headers: Headers, settings: PostmarkSettings): VerifyResult {
  const authorization = headers.get('Authorization');
  if (!authorization) return refused('missing-signature');
  const credentials = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization)?.[1];
  if (!credentials) return refused('bad-credentials');
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return refused('bad-credentials');
  // Both compared in full, constant time, whatever matched first.
  const userMatches = secretsEqual(decoded.slice(0, colon), settings.username);
  const passwordMatches = secretsEqual(hashWebhookPassword(decoded.slice(colon + 1)), settings.passwordSha256);
  return userMatches && passwordMatches ? { ok: true } : refused('bad-credentials');
}

/**
 * Bounce `Type` → our kind. Transient is "delayed, still trying"; SoftBounce is a final soft failure. Not here
 * (skipped): replies and sender-side records such as AutoResponder, AddressChange, Subscribe, Unsubscribe,
 * ChallengeVerification, OpenRelayTest, Unconfirmed, SMTPApiError, InboundError, TemplateRenderingFailed,
 * VirusNotification. ManuallyDeactivated is Postmark's own suppression list speaking; a send to an inactive address
 * is refused by the API (ErrorCode 406, "InactiveRecipient") and never reaches a webhook.
 */
const bounceKinds: Readonly<Record<string, IngestEvent['kind']>> = {
  HardBounce: 'bounce',
  SoftBounce: 'bounce',
  BadEmailAddress: 'bounce',
  DnsError: 'bounce',
  Blocked: 'bounce',
  SpamNotification: 'bounce',
  DMARCPolicy: 'bounce',
  Unknown: 'bounce',
  Transient: 'deferred',
  ManuallyDeactivated: 'suppressed-echo',
  SpamComplaint: 'complaint',
};

const readRecords = ['Bounce', 'SpamComplaint', 'Delivery'];

const bounceRecord = z.looseObject({
  RecordType: z.enum(['Bounce', 'SpamComplaint']),
  // int64: the docs' own example (4323372036854775807) is beyond a JS safe integer, so no .int() here.
  ID: z.union([z.number().nonnegative(), z.string().min(1)]),
  Type: z.string().min(1),
  Email: recipientField,
  BouncedAt: isoTime,
  Details: z.string().nullish(),
  Description: z.string().nullish(),
});

const deliveryRecord = z.looseObject({
  RecordType: z.literal('Delivery'),
  MessageID: z.string().min(1),
  Recipient: recipientField,
  DeliveredAt: isoTime,
  Details: z.string().nullish(),
});

/** Open, Click, SubscriptionChange, ...: accepted and not read. */
const otherRecord = z.looseObject({
  RecordType: z.string().refine((type) => !readRecords.includes(type), { message: 'Malformed record of this type' }),
});

export const postmarkPayloadSchema = z.union([bounceRecord, deliveryRecord, otherRecord]);
export type PostmarkPayload = z.infer<typeof postmarkPayloadSchema>;

/**
 * Postmark's `MessageID` is its own id, not the Message-ID header, so `messageId` stays null; it still makes a
 * delivery's event id (deliveries carry no record ID).
 */
export function parsePostmark(record: PostmarkPayload): IngestEvent[] {
  if (isBounce(record)) {
    const kind = bounceKinds[record.Type];
    if (!kind) return [];
    return [
      ingestEvent({
        source: 'postmark',
        kind,
        // With the address, because an ID beyond 2^53 loses its last digits in JSON.parse.
        idParts: [record.ID, record.Email],
        recipient: record.Email,
        occurredAt: record.BouncedAt,
        diagnostic: record.Details || record.Description,
        providerClass: record.Type,
      }),
    ];
  }
  if (isDelivery(record)) {
    return [
      ingestEvent({
        source: 'postmark',
        kind: 'delivery',
        idParts: ['delivery', record.MessageID, record.Recipient],
        recipient: record.Recipient,
        occurredAt: record.DeliveredAt,
        diagnostic: record.Details,
        providerClass: 'Delivery',
      }),
    ];
  }
  return [];
}

const isBounce = (record: PostmarkPayload): record is z.infer<typeof bounceRecord> =>
  record.RecordType === 'Bounce' || record.RecordType === 'SpamComplaint';
const isDelivery = (record: PostmarkPayload): record is z.infer<typeof deliveryRecord> =>
  record.RecordType === 'Delivery';

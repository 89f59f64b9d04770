import { z } from 'zod';

/**
 * One delivery event as every ingest path (ESP webhooks, raw DSN, SMTP listener) hands it to the store, after
 * the source was verified and before policy runs. `eventId` makes ingest idempotent: the same provider event
 * delivered twice has the same id (the provider's own id where it has one, else a hash of the raw payload and
 * recipient), and the store ignores a repeat.
 */
export const ingestEventSchema = z.object({
  source: z.enum(['ses', 'sendgrid', 'mailgun', 'postmark', 'dsn']),
  eventId: z.string().min(1).max(200),
  kind: z.enum(['bounce', 'complaint', 'delivery', 'deferred', 'suppressed-echo']),
  recipient: z.string().min(3).max(320),
  /** Enhanced status code (RFC 3463), e.g. "5.1.1"; null when the source gives none. */
  status: z.string().max(16).nullable(),
  /** SMTP reply code, e.g. "550". */
  replyCode: z.string().max(3).nullable(),
  diagnostic: z.string().max(4000).nullable(),
  /** The provider's own verdict in its words (e.g. SES bounceType/bounceSubType), kept for audit. */
  providerClass: z.string().max(100).nullable(),
  occurredAt: z.number().int().nonnegative(),
  /** Message-ID of the mail that bounced, for linking to the email log; null when unknown. */
  messageId: z.string().max(998).nullable(),
});
export type IngestEvent = z.infer<typeof ingestEventSchema>;

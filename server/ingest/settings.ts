import { createHash, createPublicKey } from 'node:crypto';
import { z } from 'zod';

/**
 * Per-webhook verification settings, one schema per provider. They live with the webhook row (keyed by the
 * unguessable webhook id) and are parsed here on every request, so a bad row fails closed instead of open.
 */

/**
 * AWS's own SNS hosts, which serve the signing certificates and the SubscribeURL: sns.<region>.amazonaws.com, and
 * .amazonaws.com.cn in the China partition (docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html,
 * checked 2026-11).
 */
export const defaultSnsHostPattern = String.raw`^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$`;

const topicArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/, 'Expected an SNS topic ARN');

/** Operator-level: the org-facing API should not let an org loosen it (a bad pattern trusts any certificate). */
const anchoredPattern = z
  .string()
  .max(200)
  .refine((text) => text.startsWith('^') && text.endsWith('$') && compiles(text), {
    message: 'Expected an anchored regular expression (^…$)',
  });

export const sesSettingsSchema = z.object({
  /** Only notifications from these topics are accepted (AWS: "reject any message with an unexpected TopicArn"). */
  topicArns: z.array(topicArn).min(1).max(20),
  /**
   * Hosts trusted for SigningCertURL and SubscribeURL (both must be https). Matched against the host *with* port,
   * so an explicit port never passes the default.
   */
  snsHostPattern: anchoredPattern.default(defaultSnsHostPattern),
});

export const sendgridSettingsSchema = z.object({
  /** "Verification Key" from SendGrid's Mail Settings: base64 of a DER SubjectPublicKeyInfo, ECDSA P-256. */
  publicKey: z.string().trim().refine(isP256PublicKey, { message: 'Expected a base64 ECDSA P-256 public key' }),
  /**
   * Tolerance for X-Twilio-Email-Event-Webhook-Timestamp. SendGrid retries failed posts for 24 hours and does not
   * document whether a retry is re-signed; the body is signed and our ingest is idempotent, so a replay changes
   * nothing and the default keeps the whole retry window.
   */
  maxAgeSeconds: z.number().int().positive().max(7 * 86_400).default(25 * 3600),
});

export const mailgunSettingsSchema = z.object({
  /** "HTTP webhook signing key" (Mailgun → Settings → Webhooks), used as the HMAC-SHA256 key. */
  signingKey: z.string().trim().min(16).max(200),
  /**
   * Mailgun signs timestamp + token only, not the body, so freshness and the one-time token are the replay guard.
   * Retries (5, 10, 15 minutes, then 1, 2 and 4 hours: 8 hours in all) re-send the original signature block: not in
   * Mailgun's docs, but Hookdeck's Mailgun notes say so (cited in github.com/PostHog/posthog/pull/103057, 2026-09).
   * The default window covers the whole schedule, so a delivery we failed to take during an outage still gets in
   * on a retry; used tokens are kept in the database for as long (mailgun_tokens), so no replay gets in meanwhile.
   */
  maxAgeSeconds: z.number().int().positive().max(86_400).default(9 * 3600),
});

export const postmarkSettingsSchema = z.object({
  /** Basic-auth user and password set on the Postmark webhook (Postmark signs nothing; this is its only check). */
  username: z.string().min(1).max(200),
  /**
   * SHA-256 (hex) of the password. We generate the password (32 random bytes), so it has full entropy and a plain
   * hash is enough; a slow KDF would only slow every webhook request. See `hashWebhookPassword`.
   */
  passwordSha256: z.string().regex(/^[0-9a-f]{64}$/, 'Expected a lowercase hex SHA-256'),
});

export const webhookSettingsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('ses'), settings: sesSettingsSchema }),
  z.object({ provider: z.literal('sendgrid'), settings: sendgridSettingsSchema }),
  z.object({ provider: z.literal('mailgun'), settings: mailgunSettingsSchema }),
  z.object({ provider: z.literal('postmark'), settings: postmarkSettingsSchema }),
]);

export type SesSettings = z.infer<typeof sesSettingsSchema>;
export type SendgridSettings = z.infer<typeof sendgridSettingsSchema>;
export type MailgunSettings = z.infer<typeof mailgunSettingsSchema>;
export type PostmarkSettings = z.infer<typeof postmarkSettingsSchema>;
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;
export type Provider = WebhookSettings['provider'];

/** What to store for a Postmark webhook password. */
export function hashWebhookPassword(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('hex');
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function isP256PublicKey(base64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

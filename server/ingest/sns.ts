import { type KeyObject, verify as verifySignature } from 'node:crypto';
import { z } from 'zod';
import { type VerifyResult, parseJson, refused } from './common';
import type { SesSettings } from './settings';
import type { CertificateCache } from './sns-certificates';

/**
 * The SNS side of SES notifications: the HTTPS envelope, its signature and the subscription handshake.
 * docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html, …/http-notification-json.html and
 * …/http-subscription-confirmation-json.html (read 2026-11). "Raw message delivery" must stay off for the
 * subscription: a raw body carries no signature.
 */

const signedFields = {
  MessageId: z.string().min(1),
  TopicArn: z.string().min(1),
  Message: z.string(),
  Timestamp: z.string().min(1),
  SignatureVersion: z.string(),
  Signature: z.string().min(1),
  SigningCertURL: z.string().min(1),
};

/** The SNS envelope as the signature covers it: every value still the exact string SNS signed. */
export const snsEnvelopeSchema = z.discriminatedUnion('Type', [
  z.looseObject({ Type: z.literal('Notification'), ...signedFields, Subject: z.string().nullish() }),
  z.looseObject({
    Type: z.enum(['SubscriptionConfirmation', 'UnsubscribeConfirmation']),
    ...signedFields,
    SubscribeURL: z.string().min(1),
    Token: z.string().min(1),
  }),
]);
export type SnsEnvelope = z.infer<typeof snsEnvelopeSchema>;

/**
 * The string SNS signs: "Key\nValue\n" for a fixed list of keys in this byte order. Notification: Message,
 * MessageId, Subject (only when present), Timestamp, TopicArn, Type. Subscription and unsubscribe confirmations:
 * Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type.
 */
export function snsStringToSign(envelope: SnsEnvelope): string {
  const pairs: [string, string][] =
    envelope.Type === 'Notification'
      ? [
          ['Message', envelope.Message],
          ['MessageId', envelope.MessageId],
          ...(typeof envelope.Subject === 'string' ? [['Subject', envelope.Subject] as [string, string]] : []),
          ['Timestamp', envelope.Timestamp],
          ['TopicArn', envelope.TopicArn],
          ['Type', envelope.Type],
        ]
      : [
          ['Message', envelope.Message],
          ['MessageId', envelope.MessageId],
          ['SubscribeURL', envelope.SubscribeURL],
          ['Timestamp', envelope.Timestamp],
          ['Token', envelope.Token],
          ['TopicArn', envelope.TopicArn],
          ['Type', envelope.Type],
        ];
  return pairs.map(([key, value]) => `${key}\n${value}\n`).join('');
}

export interface SnsVerifyDeps {
  certificates: CertificateCache;
  now: () => number;
}

const signaturePresent = z.looseObject({ Signature: z.string().min(1), SigningCertURL: z.string().min(1) });

/** SignatureVersion 1 is SHA1withRSA (the default for a new topic), 2 is SHA256withRSA. */
const digestFor: Readonly<Record<string, string>> = { '1': 'sha1', '2': 'sha256' };

/** Signed by SNS with an AWS certificate, for a topic this webhook allows. */
export async function verifySnsMessage(
  rawBody: string,
  settings: SesSettings,
  deps: SnsVerifyDeps,
): Promise<VerifyResult> {
  const body = parseJson(rawBody);
  if (body === undefined) return refused('malformed-json');
  if (!signaturePresent.safeParse(body).success) return refused('missing-signature');
  const parsed = snsEnvelopeSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'invalid-payload', issues: parsed.error.issues };
  const envelope = parsed.data;

  // Cheap checks first, so a forged request never makes us fetch anything.
  if (!settings.topicArns.includes(envelope.TopicArn)) return refused('topic-not-allowed');
  const digest = digestFor[envelope.SignatureVersion];
  if (!digest) return refused('unsupported-signature-version');
  if (!isTrustedCertUrl(envelope.SigningCertURL, settings)) return refused('untrusted-cert-url');

  const now = deps.now();
  let publicKey: KeyObject;
  try {
    publicKey = await deps.certificates.publicKey(envelope.SigningCertURL, now);
  } catch {
    return refused('certificate-unavailable');
  }
  const signed = Buffer.from(snsStringToSign(envelope), 'utf8');
  return rsaVerify(digest, signed, publicKey, envelope.Signature) ? { ok: true } : refused('bad-signature');
}

function rsaVerify(digest: string, data: Buffer, key: KeyObject, signatureBase64: string): boolean {
  try {
    return verifySignature(digest, data, key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A certificate is a bare `.pem` path on a trusted host (AWS's look like /SimpleNotificationService-<hex>.pem); no
 * query, so a forged message can neither point us at another SNS endpoint nor defeat the cache.
 */
function isTrustedCertUrl(url: string, settings: SesSettings): boolean {
  if (!isTrustedSnsUrl(url, settings)) return false;
  const { pathname, search, hash } = new URL(url);
  return pathname.endsWith('.pem') && !search && !hash;
}

/** https, no credentials, host (with any port) matching the configured pattern. */
export function isTrustedSnsUrl(url: string, settings: SesSettings): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    parsed.protocol === 'https:' &&
    !parsed.username &&
    !parsed.password &&
    new RegExp(settings.snsHostPattern).test(parsed.host)
  );
}

export type ConfirmOutcome = 'confirmed' | 'refused' | 'failed';

/**
 * Confirms a SubscriptionConfirmation by GETting its SubscribeURL. Only called after `verifySnsMessage` passed
 * (signed by SNS, topic allowed); the URL is still held to the SNS host pattern and must confirm this very topic.
 */
export async function confirmSnsSubscription(
  payload: { TopicArn: string; SubscribeURL: string },
  settings: SesSettings,
  fetchUrl: (url: string, init: RequestInit) => Promise<Response>,
): Promise<ConfirmOutcome> {
  if (!isTrustedSnsUrl(payload.SubscribeURL, settings)) return 'refused';
  const query = new URL(payload.SubscribeURL).searchParams;
  if (query.get('Action') !== 'ConfirmSubscription' || query.get('TopicArn') !== payload.TopicArn) return 'refused';
  try {
    const response = await fetchUrl(payload.SubscribeURL, {
      method: 'GET',
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    return response.ok ? 'confirmed' : 'failed';
  } catch {
    return 'failed';
  }
}

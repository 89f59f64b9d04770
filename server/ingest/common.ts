import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { IngestEvent } from './event';

/**
 * What every provider's `verify…` answers. A failure names its reason so the route can pick the status (see
 * `failureStatus`) and the provider's delivery log shows why a request was refused; nothing throws on bad input.
 */
export type VerifyFailure =
  | 'missing-signature'
  | 'malformed-signature'
  | 'bad-signature'
  | 'bad-credentials'
  | 'stale-timestamp'
  | 'replayed'
  | 'topic-not-allowed'
  | 'untrusted-cert-url'
  | 'unsupported-signature-version'
  | 'certificate-unavailable'
  | 'malformed-json'
  | 'invalid-payload';

export type VerifyResult =
  /** `release` undoes what verifying consumed (Mailgun's one-time token) when the events could not be stored. */
  | { ok: true; release?: () => void }
  | { ok: false; reason: VerifyFailure; issues?: z.core.$ZodIssue[] };

/** 400 for input that is not what the provider sends, 503 when we could not check (the provider retries), else 401. */
export function failureStatus(reason: VerifyFailure): 400 | 401 | 503 {
  if (reason === 'malformed-json' || reason === 'invalid-payload') return 400;
  if (reason === 'certificate-unavailable') return 503;
  return 401;
}

export const refused = (reason: VerifyFailure): VerifyResult => ({ ok: false, reason });

/** JSON.parse without exceptions: `undefined` stands for "not JSON" (JSON itself has no undefined). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of two secrets of any length (both sides are hashed to 32 bytes first). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** A signed unix timestamp (seconds) is fresh when it is within `maxAgeSeconds` of now, either side (clock skew). */
export function isFresh(timestampSeconds: number, nowMs: number, maxAgeSeconds: number): boolean {
  return Math.abs(nowMs / 1000 - timestampSeconds) <= maxAgeSeconds;
}

/** Date strings as providers write them (ISO 8601, any fraction, any offset) → epoch ms; NaN-free by the schema. */
export const isoTime = z
  .string()
  .refine((text) => Date.parse(text) >= 0, { message: 'Expected an ISO 8601 date-time' })
  .transform((text) => Date.parse(text));

/** Unix seconds, possibly fractional (Mailgun sends 1521472262.908181) → epoch ms. */
export const unixSeconds = z
  .number()
  .nonnegative()
  .transform((seconds) => Math.round(seconds * 1000));

/** A recipient as the provider reports it, checked for length only: the store owns normalization (addressKey). */
export const recipientField = z.string().trim().min(3).max(320);

const enhancedStatus = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;
const leadingReplyCode = /^(?:smtp;\s*)?([245]\d\d)(?=[\s-]|$)/i;

export interface EventFields {
  source: IngestEvent['source'];
  kind: IngestEvent['kind'];
  /** The provider's own ids that make this event unique (joined; hashed when too long for the store). */
  idParts: readonly (string | number)[];
  recipient: string;
  occurredAt: number;
  diagnostic?: string | null | undefined;
  /** Status-like fields in the provider's payload: each is taken as an enhanced status or an SMTP reply code. */
  codes?: readonly (string | number | null | undefined)[];
  providerClass?: string | null | undefined;
  messageId?: string | null | undefined;
}

/** Builds an event that always satisfies `ingestEventSchema` (lengths clamped, codes recognised or null). */
export function ingestEvent(fields: EventFields): IngestEvent {
  const diagnostic = clamp(fields.diagnostic?.trim() || null, 4000);
  const codes = (fields.codes ?? []).map((code) => String(code ?? '').trim());
  const status = [...codes, diagnostic ?? ''].map((text) => text.match(enhancedStatus)?.[1]).find(Boolean) ?? null;
  const replyCode =
    codes.find((code) => /^[245]\d\d$/.test(code)) ?? diagnostic?.match(leadingReplyCode)?.[1] ?? null;
  return {
    source: fields.source,
    eventId: eventId(fields.idParts),
    kind: fields.kind,
    recipient: fields.recipient.trim(),
    status,
    replyCode,
    diagnostic,
    providerClass: clamp(fields.providerClass?.trim() || null, 100),
    occurredAt: Math.max(0, Math.round(fields.occurredAt)),
    messageId: messageIdOf(fields.messageId),
  };
}

/** `a:b:c`, or a SHA-256 of it when longer than the store keeps (a long recipient can make it so). */
function eventId(parts: readonly (string | number)[]): string {
  const joined = parts.map(String).join(':');
  return joined.length <= 200 ? joined : `sha256:${createHash('sha256').update(joined, 'utf8').digest('hex')}`;
}

/** Message-IDs in their header form `<id@host>`; some providers drop the angle brackets. */
function messageIdOf(value: string | null | undefined): string | null {
  const id = value?.trim();
  if (!id) return null;
  return clamp(id.startsWith('<') ? id : `<${id}>`, 998);
}

function clamp(text: string | null, max: number): string | null {
  return text === null || text.length <= max ? text : text.slice(0, max);
}

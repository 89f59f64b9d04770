import { createHash } from 'node:crypto';

/**
 * The form of a raw RFC 822 message that two deliveries of it share: every line ending CRLF (RFC 5322 §2.1; the
 * SMTP listener hands over CRLF, an HTTP upload of a saved .eml is often LF) and exactly one CRLF after the last
 * line (smtp-server keeps the CRLF before the terminating dot, a file may end with none or with blank lines).
 * smtp-server already removes dot-stuffing, so the listener's bytes are the message's own. Used for identity
 * only: the stored bytes stay exactly as received.
 */
export function canonicalMessage(raw: Uint8Array): Buffer {
  // latin1 maps each byte to one code unit and back, so a message that is not UTF-8 survives unchanged.
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  const lines = text.replace(/\r?\n/g, '\r\n').replace(/(?:\r\n)+$/, '');
  return Buffer.from(`${lines}\r\n`, 'latin1');
}

/**
 * raw_payloads' dedupe key (its `sha256` column): for a raw message (`dsn`) the SHA-256 of its canonical form, so
 * the same bounce by SMTP and by HTTP is one payload; for an ESP webhook the SHA-256 of the bytes (a webhook is
 * idempotent by the provider's event id, not by its payload).
 */
export function payloadKey(source: string, raw: Uint8Array): string {
  const bytes = source === 'dsn' ? canonicalMessage(raw) : raw;
  return createHash('sha256').update(bytes).digest('hex');
}

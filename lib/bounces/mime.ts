import PostalMime, { decodeWords, type Email } from 'postal-mime';

/** Header fields by lower-case name, values in order of appearance, encoded words decoded, folding undone. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** A bounce message taken apart into the pieces the parsers read. */
export interface ParsedMail {
  headers: HeaderMap;
  /** First value of a header, '' when absent. */
  header(name: string): string;
  /** The human-readable report: text/plain parts (HTML turned into text when that is all there is), joined. */
  text: string;
  /** Bodies of message/delivery-status parts (RFC 3464; message/global-delivery-status from RFC 6533 too). */
  deliveryStatus: string[];
  /** Bodies of message/feedback-report parts (RFC 5965). */
  feedbackReport: string[];
  /** Header block of the returned message (message/rfc822 or text/rfc822-headers part), '' when not attached. */
  originalHeaders: string;
  /** The first attached message/rfc822 in full, '' when none: some systems wrap a whole bounce in their notice. */
  attachedMessage: string;
}

export type RawMessage = string | ArrayBuffer | Uint8Array;

const reportTypes = new Set(['message/delivery-status', 'message/global-delivery-status']);
const originalTypes = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/partial']);

/** Parses a raw message. Never throws on malformed input: what cannot be read comes back empty. */
export async function parseMail(raw: RawMessage): Promise<ParsedMail> {
  const bytes =
    typeof raw === 'string' ? new TextEncoder().encode(raw) : raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const email = await parseBytes(bytes);
  const mail = fromEmail(email);
  if (/^\s*(?:fwd?|fw)\s*:/i.test(mail.header('subject'))) {
    // A bounce forwarded by a person arrives quoted; unquote it so the report reads as sent.
    mail.text = mail.text.replace(/^>+ ?/gm, '');
  }
  if (mail.text.trim() || mail.deliveryStatus.length > 0 || mail.feedbackReport.length > 0) return mail;
  // Broken MIME (a boundary that does not match the header, a multipart type folded wrongly) hides every part from a
  // strict parser; read the parts between boundary-looking lines instead (seen in redacted real bounces).
  return (await looseParts(bytes, mail)) ?? { ...mail, text: bodyAsText(bytes) };
}

/** The body after the header block as text: the last resort when the MIME structure yields nothing readable. */
function bodyAsText(bytes: Uint8Array): string {
  const source = new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n');
  const start = source.indexOf('\n\n');
  return start < 0 ? '' : source.slice(start + 2);
}

async function parseBytes(bytes: Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(bytes, { forceRfc822Attachments: true, attachmentEncoding: 'utf8' });
  } catch {
    return { headers: [], headerLines: [], attachments: [] };
  }
}

function fromEmail(email: Email): ParsedMail {
  const headers = new Map<string, string[]>();
  for (const { key, value } of email.headers) {
    const list = headers.get(key) ?? [];
    list.push(safeDecode(value).replace(/\r?\n[ \t]+/g, ' ').trim());
    headers.set(key, list);
  }
  const deliveryStatus: string[] = [];
  const feedbackReport: string[] = [];
  let originalHeaders = '';
  let attachedMessage = '';
  for (const part of email.attachments) {
    const type = part.mimeType.toLowerCase();
    const content = typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content);
    if (reportTypes.has(type)) deliveryStatus.push(content);
    else if (type === 'message/feedback-report') feedbackReport.push(content);
    else if (originalTypes.has(type) && !originalHeaders) {
      originalHeaders = headerBlock(content);
      if (type === 'message/rfc822') attachedMessage = content;
    }
  }
  return {
    headers,
    header: (name) => headers.get(name.toLowerCase())?.[0] ?? '',
    text: (email.text ?? '').replace(/\r\n?/g, '\n'),
    deliveryStatus,
    feedbackReport,
    originalHeaders,
    attachedMessage,
  };
}

/** The header block at the top of a message text (up to the first empty line). */
export function headerBlock(message: string): string {
  const text = message.replace(/\r\n?/g, '\n').replace(/^\n+/, '');
  const end = text.indexOf('\n\n');
  return end < 0 ? text : text.slice(0, end);
}

/** Parses a header block into a map, unfolding continuation lines; lines that are not fields are skipped. */
export function parseHeaderBlock(block: string): HeaderMap {
  const headers = new Map<string, string[]>();
  const unfolded = block.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
    if (!match) continue;
    const name = (match[1] ?? '').toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), safeDecode(match[2] ?? '').trim()]);
  }
  return headers;
}

function safeDecode(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/**
 * Splits the body on lines that look like MIME boundaries ("--" + token, repeated) and parses each chunk as a small
 * message of its own, so every part keeps its own Content-Type and transfer encoding.
 */
async function looseParts(bytes: Uint8Array, mail: ParsedMail): Promise<ParsedMail | undefined> {
  const source = new TextDecoder('latin1').decode(bytes); // one char per byte, so offsets index `bytes`
  const bodyStart = /\r?\n\r?\n/.exec(source);
  if (!bodyStart) return undefined;
  const candidates = [...source.matchAll(/^--(\S{5,}?)(?:--)?\r?$/gm)].filter(
    (match) => match.index >= bodyStart.index && !/^[-=_*]+$/.test(match[1] ?? ''),
  );
  // A boundary repeats (each part, then the closing line); a one-off "--xxxxx" line is text, not structure.
  const seen = new Map<string, number>();
  for (const match of candidates) seen.set(match[1] ?? '', (seen.get(match[1] ?? '') ?? 0) + 1);
  const boundaryLines = candidates.filter((match) => (seen.get(match[1] ?? '') ?? 0) >= 2);
  if (boundaryLines.length < 2) return undefined;
  const merged: ParsedMail = {
    ...mail, text: '', deliveryStatus: [], feedbackReport: [], originalHeaders: '', attachedMessage: '',
  };
  for (const [index, line] of boundaryLines.entries()) {
    const start = line.index + line[0].length + 1;
    const end = boundaryLines[index + 1]?.index ?? source.length;
    if (end <= start) continue;
    const part = fromEmail(await parseBytes(bytes.subarray(start, end)));
    if (/^(?:text\/|$)/i.test(part.header('content-type'))) merged.text += `${part.text}\n`;
    merged.deliveryStatus.push(...part.deliveryStatus);
    merged.feedbackReport.push(...part.feedbackReport);
    merged.originalHeaders ||= part.originalHeaders;
    merged.attachedMessage ||= part.attachedMessage;
  }
  const found = merged.text.trim() || merged.deliveryStatus.length > 0 || merged.originalHeaders;
  return found ? merged : undefined;
}

/**
 * Recipient text as people type or paste it, taken apart without judging it (malformed.ts judges).
 *
 * Accepted shapes, alone or as a list split on `,` `;` and line breaks: `a@b`, `Name <a@b>`, `"Last, First" <a@b>`
 * (separators inside quotes or angle brackets do not split), `<a@b>`, `mailto:a@b?subject=…`, stray whitespace.
 */

/** One recipient found in a raw string. */
export interface ParsedAddress {
  /** This recipient's text as typed, trimmed. */
  text: string;
  /** Where `text` sits in the raw string (UTF-16 offsets, end exclusive), to replace just this recipient. */
  start: number;
  end: number;
  /** The display name, unquoted, or null when there is none. */
  display: string | null;
  /** The address itself as typed: no display name, brackets or `mailto:`; case kept. */
  address: string;
  /** Text before the last unquoted `@` (the whole address when there is no `@`). */
  local: string;
  /** Text after the last unquoted `@`; empty when there is no `@`. */
  domain: string;
}

const separators = ',;\n\r';
const anySeparator = /[,;\n\r]/;
const mailtoPrefix = /^mailto:/i;
const asciiOnly = /^[\x00-\x7f]*$/;
/** Characters the URL parser would treat as structure rather than part of a host. */
const notHostChars = /[\s/\\?#@:%[\]]/;

/**
 * Splits `raw` into recipients. A comma between letters with no space around it, right after a domain and before
 * a lone TLD-like word (`jan@gmail,com`, `jan@yahoo.co,uk`), is read as a mistyped dot rather than a separator, so
 * the typo check can offer `gmail.com` instead of reporting a broken `jan@gmail` and a stray `com`.
 */
export function parseRecipients(raw: string): ParsedAddress[] {
  const found: ParsedAddress[] = [];
  if (!anySeparator.test(raw)) {
    const only = parseOne(raw, 0, raw.length); // one chip, one address: the common case
    return only ? [only] : found;
  }
  let segmentStart = 0;
  let quoted = false;
  let angled = false;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw[i];
    if (c === undefined || (!quoted && !angled && separators.includes(c) && !isMistypedDot(raw, segmentStart, i))) {
      const parsed = parseOne(raw, segmentStart, i);
      if (parsed) found.push(parsed);
      segmentStart = i + 1;
      quoted = false;
      angled = false;
    } else if (c === '\\' && quoted) {
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === '<' && !quoted) {
      angled = true;
    } else if (c === '>' && !quoted) {
      angled = false;
    }
  }
  return found;
}

/** Second-level labels that take a country code after them (`co.uk`, `com.br`, `ac.jp`). */
const secondLevelLabels = /(^|\.)(co|com|org|net|ac|gov|edu|or|ne)$/i;

function isMistypedDot(raw: string, segmentStart: number, comma: number): boolean {
  if (raw[comma] !== ',') return false;
  const segment = raw.slice(segmentStart, comma);
  const domain = segment.slice(segment.lastIndexOf('@') + 1);
  if (domain === segment || !/^[a-z0-9.-]+$/i.test(domain)) return false;
  let end = comma + 1;
  while (end < raw.length && /[a-z]/i.test(raw[end] ?? '')) end++;
  const next = raw[end];
  if (next !== undefined && !/[\s,;>]/.test(next)) return false;
  const word = end - comma - 1;
  // `gmail,com`: no TLD yet. `yahoo.co,uk`: a second-level label waiting for its country.
  return domain.includes('.') ? word === 2 && secondLevelLabels.test(domain) : word >= 2 && word <= 3;
}

function parseOne(raw: string, from: number, to: number): ParsedAddress | null {
  let start = from;
  let end = to;
  while (start < end && isSpace(raw[start])) start++;
  while (end > start && isSpace(raw[end - 1])) end--;
  if (start === end) return null;
  const text = raw.slice(start, end);
  const { display, address } = splitDisplay(text);
  const { local, domain } = splitAt(address);
  return { text, start, end, display, address, local, domain };
}

function isSpace(c: string | undefined): boolean {
  if (c === undefined) return false;
  return c === ' ' || (c < ' ' ? '\t\n\v\f\r'.includes(c) : c > '~' && /\s/.test(c));
}

function splitDisplay(text: string): { display: string | null; address: string } {
  const open = openingBracket(text);
  if (open === -1) return { display: null, address: cleanAddress(text) };
  const close = text.indexOf('>', open);
  const inner = text.slice(open + 1, close === -1 ? undefined : close);
  const name = unquote(text.slice(0, open).trim());
  return { display: name === '' ? null : name, address: cleanAddress(inner) };
}

/** The `<` that opens the address, ignoring any inside a quoted display name. */
function openingBracket(text: string): number {
  if (!text.includes('"')) return text.indexOf('<');
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '<' && !quoted) return i;
  }
  return -1;
}

function unquote(name: string): string {
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) {
    return name.slice(1, -1).replace(/\\(.)/g, '$1').trim();
  }
  return name;
}

/** Drops `mailto:` with its `?subject=` tail and percent-escapes (RFC 6068), and surrounding space. */
function cleanAddress(text: string): string {
  const trimmed = text.trim();
  if (!mailtoPrefix.test(trimmed)) return trimmed;
  const body = trimmed.replace(mailtoPrefix, '');
  const query = body.indexOf('?');
  const target = query === -1 ? body : body.slice(0, query);
  try {
    return decodeURIComponent(target).trim();
  } catch {
    return target.trim();
  }
}

/** Splits at the last `@` outside a quoted local part (`"a@b"@example.com` keeps its quoted `@`). */
function splitAt(address: string): { local: string; domain: string } {
  const at = address.includes('"') ? lastUnquotedAt(address) : address.lastIndexOf('@');
  if (at === -1) return { local: address, domain: '' };
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

function lastUnquotedAt(address: string): number {
  let quoted = false;
  let at = -1;
  for (let i = 0; i < address.length; i++) {
    const c = address[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '@' && !quoted) at = i;
  }
  return at;
}

/**
 * The lookup form of a domain: lower case, IDN labels as ASCII (punycode `xn--…`, the A-label form of IDNA 2008 /
 * UTS #46), one trailing dot dropped. ASCII is canonical because that is how the domain travels in SMTP, DSNs and
 * ESP webhooks, which feed the suppression list; Unicode typed into Gmail is mapped to it here (case folding and
 * full-width dots included, by the URL parser's UTS #46 processing). Null when the domain cannot be converted.
 */
export function canonicalDomain(domain: string): string | null {
  let host = domain.trim();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return null;
  if (asciiOnly.test(host)) return host.toLowerCase();
  if (notHostChars.test(host)) return null;
  try {
    const ascii = new URL(`http://${host}/`).hostname;
    return ascii === '' ? null : ascii;
  } catch {
    return null;
  }
}

/**
 * The key of an address in the suppression list (CheckContext.facts), or null when `addr` is not one address
 * with a non-empty local part and a convertible domain. Accepts what parseRecipients accepts for one recipient.
 *
 * The local part is lower-cased too. RFC 5321 lets a server treat it as case-sensitive, but no mainstream provider
 * does, ESPs key their suppression lists case-insensitively, and a bounce for `Jan@x.com` must warn about
 * `jan@x.com`. The server must key suppressions with this same function (lib/checks is shared) so both sides agree.
 * Unicode local parts (SMTPUTF8) are NFC-normalized before lower-casing; a quoted local part keeps its quotes.
 */
export function normalizeAddress(addr: string): string | null {
  const recipients = parseRecipients(addr);
  const only = recipients[0];
  if (recipients.length !== 1 || only === undefined) return null;
  return normalizeParts(only.local, only.domain);
}

/**
 * The key an address is stored and looked up under, in the extension's database and on the server alike, so a
 * lookup, an import and a synced row agree. Never throws: text that is not one address is only trimmed and
 * lower-cased (an ESP may report garbage; it is still recorded), and then simply matches nothing.
 */
export function addressKey(raw: string): string {
  return normalizeAddress(raw) ?? raw.trim().toLowerCase();
}

/** normalizeAddress for an already parsed recipient. */
export function normalizeParsed(parsed: ParsedAddress): string | null {
  return normalizeParts(parsed.local, parsed.domain);
}

/** A local part is one quoted string, or a run without `@`, quotes or whitespace; anything else is not one address. */
const oneLocalPart = /^(?:"(?:[^"\\]|\\.)*"|[^"@\s]+)$/;
const notOneDomain = /[\s,;<>()@]/;

function normalizeParts(local: string, domain: string): string | null {
  if (!oneLocalPart.test(local) || domain === '' || notOneDomain.test(domain)) return null;
  const host = domain.startsWith('[') ? domain.toLowerCase() : canonicalDomain(domain);
  if (host === null) return null;
  const box = asciiOnly.test(local) ? local.toLowerCase() : local.normalize('NFC').toLowerCase();
  return `${box}@${host}`;
}

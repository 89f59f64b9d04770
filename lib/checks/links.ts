/**
 * Links as mail carries them: hrefs and URLs written in text, often behind a redirect wrapper (Google, Outlook Safe
 * Links, Facebook, Proofpoint) that hides where the reader really lands. Mimecast's rewritten links are opaque (the
 * target is stored server-side) and stay as they are.
 */

/** A URL inside a token of text: `http(s)://…`, `www.…`, or a bare `host.tld/path` (a bare host needs a path). */
const urlChars = String.raw`[^\s<>"'\x60{}|\\^[\]]`; // \x60: a backquote
const linkInToken = new RegExp(
  String.raw`\bhttps?://${urlChars}+|\bwww\.${urlChars}+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}/${urlChars}*`,
  'i',
);
const hasScheme = /^[a-z][a-z0-9+.-]*:/i;
const otherScheme = /^\s*[a-z][a-z0-9+.-]*:/i;
const webScheme = /^\s*https?:\/\//i;
const hostAndPort = /^\s*[^:/\s]+:\d/;
const asciiOnly = /^[\x00-\x7f]*$/;
const googleHost = /^(?:www\.)?google\.[a-z]{2,3}(?:\.[a-z]{2})?$/;
const facebookHosts = new Set(['l.facebook.com', 'lm.facebook.com', 'l.messenger.com']);
const proofpointV3 = /\/v3\/__(.+?)__;([^!]*)!/;
/** Proofpoint v3 run lengths: `**A` stands for 2 replaced characters, `**B` for 3, and so on. */
const proofpointRunChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Characters that end a token of text (whitespace and what never appears unescaped in a URL). */
const tokenEnd = new Uint8Array(128);
for (const c of ' \t\n\r\f\v<>"\'`{}|\\^[]') tokenEnd[c.charCodeAt(0)] = 1;

function endsToken(code: number): boolean {
  return code < 128 ? tokenEnd[code] === 1 : /\s/.test(String.fromCharCode(code));
}

/**
 * URLs written in `text`. Every one contains a `/` or `www.`, so only tokens around those are examined: a 50 KB
 * letter with a handful of links costs a few `indexOf` calls, not a regex run over every word.
 */
export function linksInText(text: string): string[] {
  const found: string[] = [];
  let from = 0;
  let slash = text.indexOf('/');
  let www = text.indexOf('www.');
  while (slash !== -1 || www !== -1) {
    const hit = slash === -1 ? www : www === -1 ? slash : Math.min(slash, www);
    let start = hit;
    while (start > from && !endsToken(text.charCodeAt(start - 1))) start--;
    let end = hit;
    while (end < text.length && !endsToken(text.charCodeAt(end))) end++;
    const match = linkInToken.exec(text.slice(start, end));
    if (match) found.push(withoutTrailingPunctuation(match[0]));
    from = end;
    if (slash !== -1 && slash < from) slash = text.indexOf('/', from);
    if (www !== -1 && www < from) www = text.indexOf('www.', from);
  }
  return found;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Drops sentence punctuation after a URL, but keeps a `)` that closes a `(` in it (Wikipedia-style paths). */
function withoutTrailingPunctuation(link: string): string {
  let end = link.length;
  for (; end > 0; end--) {
    const c = link[end - 1] ?? '';
    if (c === ')') {
      const inside = link.slice(0, end - 1);
      if (count(inside, '(') > count(inside, ')')) break;
    } else if (!'.,;:!?\'"]'.includes(c)) {
      break;
    }
  }
  return link.slice(0, end);
}

/** An http(s) URL from a link as written (a bare `bit.ly/x` counts as http), or null. */
function parseLink(link: string): URL | null {
  const text = link.trim();
  if (text === '') return null;
  try {
    const url = new URL(hasScheme.test(text) && !hostAndPort.test(text) ? text : `http://${text}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** A web link's host (lower case, no user or port) and what follows it up to any `#fragment`. */
export interface LinkParts {
  host: string;
  path: string;
}

/**
 * Where the host of a web link sits in it, found without the URL parser: most links are neither wrapped nor
 * shortened, and parsing each one fully would be most of this check's cost. Null for non-web links (`mailto:`,
 * `tel:`, `cid:`).
 */
function hostSpan(link: string): { start: number; end: number; authorityEnd: number } | null {
  const web = webScheme.test(link);
  if (!web && otherScheme.test(link) && !hostAndPort.test(link)) return null;
  let start = web ? link.indexOf('//') + 2 : 0;
  while (start < link.length && link.charCodeAt(start) <= 32) start++;
  let authorityEnd = start;
  while (authorityEnd < link.length && !endsAuthority(link.charCodeAt(authorityEnd))) authorityEnd++;
  const at = link.lastIndexOf('@', authorityEnd - 1);
  if (at >= start) start = at + 1;
  const colon = link.indexOf(':', start);
  const end = colon !== -1 && colon < authorityEnd ? colon : authorityEnd;
  return end > start ? { start, end, authorityEnd } : null;
}

/** `/`, `?`, `#` or whitespace. */
function endsAuthority(code: number): boolean {
  return code === 47 || code === 63 || code === 35 || code <= 32;
}

/** Non-ASCII hosts come back as punycode, as the URL parser gives them. */
function hostAt(link: string, span: { start: number; end: number }): string | null {
  const host = link.slice(span.start, span.end).toLowerCase();
  return asciiOnly.test(host) ? host : (parseLink(link)?.hostname ?? null);
}

/** The host of a web link, lower case, or null (see hostSpan). */
export function linkHost(link: string): string | null {
  const span = hostSpan(link);
  return span && hostAt(link, span);
}

/** The host and path of a web link, or null (see hostSpan). */
export function linkParts(link: string): LinkParts | null {
  const span = hostSpan(link);
  const host = span && hostAt(link, span);
  if (span === null || host === null) return null;
  const hash = link.indexOf('#', span.authorityEnd);
  return { host, path: link.slice(span.authorityEnd, hash === -1 ? undefined : hash).trimEnd() };
}

export function isWrapperHost(host: string): boolean {
  return (
    (host.includes('google.') && googleHost.test(host)) ||
    host.endsWith('.safelinks.protection.outlook.com') ||
    facebookHosts.has(host) ||
    host === 'urldefense.proofpoint.com' ||
    host === 'urldefense.com'
  );
}

/** The destination of a redirect-wrapped link, or null when `url` is not a wrapper we can see through. */
function wrappedTarget(url: URL, href: string): string | null {
  const host = url.hostname;
  const params = url.searchParams;
  if (googleHost.test(host) && url.pathname === '/url') return params.get('q') ?? params.get('url');
  if (host.endsWith('.safelinks.protection.outlook.com')) return params.get('url');
  if (facebookHosts.has(host) && url.pathname === '/l.php') return params.get('u');
  if (host === 'urldefense.proofpoint.com') return proofpointV1V2(url);
  if (host === 'urldefense.com') return proofpointV3Target(href);
  return null;
}

/** v1 carries the URL percent-encoded; v2 also writes `%` as `-` and `/` as `_`. */
function proofpointV1V2(url: URL): string | null {
  const u = url.searchParams.get('u');
  if (u === null) return null;
  if (url.pathname === '/v1/url') return u;
  if (url.pathname !== '/v2/url') return null;
  try {
    return decodeURIComponent(u.replace(/-/g, '%').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

/** v3 keeps the URL readable between `__` markers; characters it escaped are `*`s, with the originals in base64. */
function proofpointV3Target(href: string): string | null {
  const match = proofpointV3.exec(href);
  if (!match) return null;
  const [, embedded = '', encoded = ''] = match;
  let replacements: string[];
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    replacements = [...new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))];
  } catch {
    return null;
  }
  let next = 0;
  return embedded.replace(/\*(\*.)?/g, (token) => {
    const run = token.length === 1 ? 1 : proofpointRunChars.indexOf(token[2] ?? '') + 2;
    const out = replacements.slice(next, next + run).join('');
    next += run;
    return out;
  });
}

/** Follows redirect wrappers (a wrapper may wrap another) down to the link the reader lands on. */
export function unwrapLink(link: string): { url: URL; wrapped: boolean } | null {
  let url = parseLink(link);
  let href = link;
  let wrapped = false;
  for (let depth = 0; url !== null && depth < 4; depth++) {
    const target = wrappedTarget(url, href);
    const inner = target === null ? null : parseLink(target);
    if (inner === null || target === null) break;
    url = inner;
    href = target;
    wrapped = true;
  }
  return url === null ? null : { url, wrapped };
}

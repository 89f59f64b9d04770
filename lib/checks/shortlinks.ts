import { hostListEntries } from './data/host-list';
import { shortenerHosts } from './data/shorteners';
import { isWrapperHost, linkHost, linkParts, linksInText, unwrapLink, type LinkParts } from './links';
import type { CheckContext, Draft, Finding } from './types';

/**
 * Shortened links (bit.ly and friends) in the body. Spam filters score them as a sign of spam and phishing, so a
 * mail carrying one is more likely to be held or rejected. Wrapped links are unwrapped first (links.ts).
 */

/** Host names of a list with one host per line and `#` comments (the shipped list's format). */
export function parseShortenerList(text: string): Set<string> {
  return new Set(hostListEntries(text));
}

/** The shipped list (lib/checks/data/shorteners.txt, CC-BY-SA-4.0); contexts add the user's own hosts to it. */
export const defaultShorteners: ReadonlySet<string> = new Set(shortenerHosts);

/** The listed shortener `host` belongs to (itself or a parent: `www.bit.ly`, `m.tinyurl.com`), or null. */
export function shortenerOf(host: string, shorteners: ReadonlySet<string>): string | null {
  for (let rest = host; rest.includes('.'); rest = rest.slice(rest.indexOf('.') + 1)) {
    if (shorteners.has(rest)) return rest;
  }
  return null;
}

/** One key per destination: no scheme, `www.`, fragment or trailing slash; the path keeps its case (it is the code). */
function linkKey({ host, path }: LinkParts): string {
  return `${host.startsWith('www.') ? host.slice(4) : host}${path.endsWith('/') ? path.slice(0, -1) : path}`;
}

/** Where a link really goes: itself, or the target inside a redirect wrapper. */
function destination(link: string, host: string): { parts: LinkParts; shown: string; wrapped: boolean } | null {
  if (!isWrapperHost(host)) {
    const parts = linkParts(link);
    return parts && { parts, shown: link.trim(), wrapped: false };
  }
  const unwrapped = unwrapLink(link);
  if (!unwrapped) return null;
  const { url, wrapped } = unwrapped;
  return { parts: { host: url.hostname, path: url.pathname + url.search }, shown: url.href, wrapped };
}

export function checkShortlinks(draft: Draft, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const link of [...draft.links, ...linksInText(draft.bodyText)]) {
    const host = linkHost(link);
    if (host === null || (!isWrapperHost(host) && shortenerOf(host, ctx.shorteners) === null)) continue;
    const target = destination(link, host);
    const shortener = target && shortenerOf(target.parts.host, ctx.shorteners);
    if (!target || !shortener) continue;
    const key = linkKey(target.parts);
    if (seen.has(key)) continue;
    seen.add(key);
    const { shown, wrapped } = target;
    const inside = wrapped ? ' (inside a redirect link)' : '';
    findings.push({
      id: `shortlink:${key}`,
      kind: 'shortlink',
      severity: 'warn',
      subject: shown,
      message:
        `The link ${shown}${inside} is shortened by ${shortener}. Spam filters distrust shortened links, ` +
        'so this mail is more likely to be held or rejected; link to the full address instead.',
    });
  }
  return findings;
}

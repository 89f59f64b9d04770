import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The offline network every e2e browser gets: https://mail.google.com/** is answered from local fixture files, so
 * the production build (which matches only mail.google.com) runs unchanged; every other non-local request is
 * refused, so nothing leaves the machine. Browser-neutral: Playwright (Chromium) and puppeteer (Firefox) both
 * route through `offlineReply`.
 */
export const GMAIL_ORIGIN = 'https://mail.google.com';
const MAILBOX_PREFIX = '/mail/u/0/';
const ASSET_PREFIX = '/fixture-assets/';

export type FixtureQuery = string | Record<string, string>;

/** The mail.google.com URL that serves `test/fixtures/gmail/<name>.html`. */
export function fixtureUrl(name: string, query?: FixtureQuery): string {
  const url = new URL(`${MAILBOX_PREFIX}${name}`, GMAIL_ORIGIN);
  if (query !== undefined) url.search = new URLSearchParams(query).toString();
  return url.href;
}

export type OfflineReply =
  | { kind: 'fulfill'; status: number; contentType: string; body: Buffer }
  | { kind: 'pass' } // local or in-browser (extension pages, data:, blob:): let the browser handle it
  | { kind: 'abort' };

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function offlineReply(rawUrl: string, fixtureDir: string): OfflineReply {
  const url = new URL(rawUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'pass' };
  if (LOCAL_HOSTS.has(url.hostname)) return { kind: 'pass' };
  if (url.origin !== GMAIL_ORIGIN) return { kind: 'abort' };

  const page = url.pathname.startsWith(MAILBOX_PREFIX) ? `${url.pathname.slice(MAILBOX_PREFIX.length)}.html` : null;
  const asset = url.pathname.startsWith(ASSET_PREFIX) ? url.pathname.slice(ASSET_PREFIX.length) : null;
  const file = fixtureFile(fixtureDir, page ?? asset);
  if (!file) return { kind: 'fulfill', status: 404, contentType: 'text/plain', body: Buffer.from('not a fixture') };
  return {
    kind: 'fulfill',
    status: 200,
    contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream',
    body: readFileSync(file),
  };
}

/** A plain file name inside the fixture folder; never a path that climbs out of it. */
function fixtureFile(fixtureDir: string, name: string | null): string | null {
  if (!name || !/^[\w][\w.-]*$/.test(name)) return null;
  const file = path.join(fixtureDir, name);
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

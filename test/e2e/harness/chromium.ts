import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { offlineReply } from './offline';
import { chromeBuildDir, chromiumPath, gmailFixtureDir, requireBrowser, requireBuild } from './paths';
import { SENT_LOG_ITEM } from './selectors';

/**
 * Debian's Chromium with (or without) the built extension, in a fresh throwaway profile. The flags keep it off the
 * closed network: without them it keeps trying component updates, sync and field trials.
 */
export async function launchChromium({ extension }: { extension: boolean }): Promise<BrowserContext> {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    // Backstop for anything the routes below cannot see (the extension's service worker, browser services):
    // no host name resolves, so no request leaves the machine. Routed requests never reach the resolver.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  ];
  // Chromium's sandbox refuses to start as root (CI and this workplace run as root).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  if (extension) {
    const dir = requireBuild(chromeBuildDir);
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  }
  return chromium.launchPersistentContext('', { executablePath: requireBrowser(chromiumPath), headless: true, args });
}

/** Answer mail.google.com from `fixtureDir`, refuse every other non-local request (see offline.ts). */
export async function routeOffline(context: BrowserContext, fixtureDir: string = gmailFixtureDir): Promise<void> {
  await context.route('**/*', async (route) => {
    const reply = offlineReply(route.request().url(), fixtureDir);
    if (reply.kind === 'pass') return route.fallback();
    if (reply.kind === 'abort') return route.abort('blockedbyclient');
    return route.fulfill({ status: reply.status, contentType: reply.contentType, body: reply.body });
  });
}

/** The extension's id, read from its MV3 service worker URL (chrome-extension://<id>/background.js). */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** What the fixture's simulated Gmail "sent", oldest first: the JSON in each sent-log item's `data-sent`. */
export async function sentLog(page: Page): Promise<unknown[]> {
  return page
    .locator(SENT_LOG_ITEM)
    .evaluateAll((items) => items.map((item) => JSON.parse(item.getAttribute('data-sent') ?? 'null') as unknown));
}

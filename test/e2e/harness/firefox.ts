import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { fixtureUrl, offlineReply, type FixtureQuery } from './offline';
import { firefoxBuildDir, firefoxPath, gmailFixtureDir, requireBrowser, requireBuild } from './paths';
import { FIXTURE_READY, SENT_LOG_ITEM, UI_HOST } from './selectors';

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi, with the built Firefox extension installed as a temporary
 * add-on (so it needs no signature). Pages opened with `openFixture` get the same offline network as Chromium, by
 * BiDi request interception (network.addIntercept + provideResponse: answered inside Firefox, no DNS, no TLS).
 * Interception is per tab, so a dead proxy catches everything else (other tabs, the extension's background,
 * Firefox's own services): it fails at once on the loopback instead of reaching the network.
 */
export interface FirefoxRig {
  browser: Browser;
  /** The add-on id of the installed extension (its gecko id), or null when launched without it. */
  addonId: string | null;
  /**
   * Opens https://mail.google.com/mail/u/0/<name>?<query> in a new tab, served from `<fixtureDir>/<name>.html`,
   * and waits until the page says it is ready (`html[data-fixture-ready]`).
   */
  openFixture: (name: string, query?: FixtureQuery) => Promise<Page>;
  close: () => Promise<void>;
}

const DEAD_PROXY = { host: '127.0.0.1', port: 9 }; // discard port: nothing listens, connections are refused

export async function launchFirefox({
  extension = true,
  fixtureDir = gmailFixtureDir,
}: { extension?: boolean; fixtureDir?: string } = {}): Promise<FirefoxRig> {
  const extensionDir = extension ? requireBuild(firefoxBuildDir) : null;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: requireBrowser(firefoxPath),
    headless: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1, // manual; localhost and 127.0.0.1 stay direct (Firefox never proxies them by default)
      'network.proxy.http': DEAD_PROXY.host,
      'network.proxy.http_port': DEAD_PROXY.port,
      'network.proxy.ssl': DEAD_PROXY.host,
      'network.proxy.ssl_port': DEAD_PROXY.port,
      'network.proxy.share_proxy_settings': true,
    },
  });
  try {
    const addonId = extensionDir ? await browser.installExtension(extensionDir) : null;
    return {
      browser,
      addonId,
      openFixture: (name, query) => openOfflinePage(browser, fixtureDir, fixtureUrl(name, query)),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function openOfflinePage(browser: Browser, fixtureDir: string, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const reply = offlineReply(request.url(), fixtureDir);
    if (reply.kind === 'pass') void request.continue();
    else if (reply.kind === 'abort') void request.abort('blockedbyclient');
    else void request.respond({ status: reply.status, contentType: reply.contentType, body: reply.body });
  });
  const response = await page.goto(url);
  if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}: is the fixture there?`);
  await page.waitForSelector(FIXTURE_READY);
  return page;
}

/** Waits for a host of our in-page UI (any, or e.g. UI_PANEL): the sign that the content script ran in Firefox. */
export async function waitForUiHost(page: Page, selector = UI_HOST, timeout = 10_000): Promise<ElementHandle<Element>> {
  const host = await page.waitForSelector(selector, { timeout });
  if (!host) throw new Error(`${selector} did not appear`);
  return host;
}

/** What the fixture's simulated Gmail "sent", oldest first (same contract as the Chromium helper). */
export async function sentLog(page: Page): Promise<unknown[]> {
  return page.$$eval(SENT_LOG_ITEM, (items) =>
    items.map((item) => JSON.parse(item.getAttribute('data-sent') ?? 'null') as unknown),
  );
}

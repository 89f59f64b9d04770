import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { launchChromium, extensionIdOf, routeOffline, sentLog } from './chromium';
import { fixtureUrl, type FixtureQuery } from './offline';
import { gmailFixtureDir } from './paths';
import { FIXTURE_READY } from './selectors';

export { expect, sentLog };

export interface HarnessOptions {
  /** Load the built extension (default) or run a plain browser for side-by-side comparison. */
  withExtension: boolean;
  /** Where https://mail.google.com/mail/u/0/<name> and /fixture-assets/<file> are served from. */
  fixtureDir: string;
}

export interface HarnessFixtures {
  /** A fresh persistent Chromium profile per test, offline, with the built extension unless `withExtension: false`. */
  context: BrowserContext;
  /** The extension's id (from its service worker URL). */
  extensionId: string;
  /**
   * Opens https://mail.google.com/mail/u/0/<name>?<query>, served from `<fixtureDir>/<name>.html`, and waits until
   * the page says it is ready (`html[data-fixture-ready]`, after any restored compose). Query keys: see
   * test/fixtures/gmail/README.md.
   */
  openFixture: (name: string, query?: FixtureQuery) => Promise<Page>;
  /** Opens an extension page, e.g. `popup.html` or `options.html`. */
  openExtensionPage: (path: string) => Promise<Page>;
}

export const test = base.extend<HarnessOptions & HarnessFixtures>({
  withExtension: [true, { option: true }],
  fixtureDir: [gmailFixtureDir, { option: true }],

  context: async ({ withExtension, fixtureDir }, use) => {
    const context = await launchChromium({ extension: withExtension });
    await routeOffline(context, fixtureDir);
    await use(context);
    await context.close();
  },

  extensionId: async ({ context, withExtension }, use) => {
    if (!withExtension) throw new Error('extensionId asked for in a test that runs without the extension');
    await use(await extensionIdOf(context));
  },

  openFixture: async ({ context }, use) => {
    await use(async (name, query) => {
      const page = await context.newPage();
      const response = await page.goto(fixtureUrl(name, query));
      if (response?.status() !== 200) throw new Error(`fixture "${name}" answered ${response?.status()}: is there a ${name}.html?`);
      await page.locator(FIXTURE_READY).waitFor({ state: 'attached' });
      return page;
    });
  },

  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
});

/** The same harness on a plain Chromium without the extension, for side-by-side measurement. */
export const withoutExtension = test.extend({ withExtension: false });

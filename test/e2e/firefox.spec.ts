import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { launchFirefox, sentLog, waitForUiHost, type FirefoxRig } from './harness/firefox';
import { firefoxBuildDir } from './harness/paths';
import { RIG_PAGE, RIG_SENT, probeNetwork, writeRigFixture } from './harness/rigFixture';
import { UI_PANEL } from './harness/selectors';

// One Firefox per describe: it takes seconds to start, and each test opens its own tab. Content-script tests on the
// Gmail fixtures go in a describe of their own with `launchFirefox()` (pages from test/fixtures/gmail) and
// `waitForUiHost(page)` from the harness.
test.describe('Firefox ESR with the built extension, offline', () => {
  let firefox: FirefoxRig;
  test.beforeAll(async () => {
    firefox = await launchFirefox({ fixtureDir: writeRigFixture() });
  });
  test.afterAll(async () => {
    await firefox?.close();
  });

  test('starts and installs the built extension', async () => {
    const manifest = JSON.parse(readFileSync(path.join(firefoxBuildDir, 'manifest.json'), 'utf8'));
    expect(await firefox.browser.version()).toMatch(/^firefox\//);
    expect(firefox.addonId).toBe(manifest.browser_specific_settings.gecko.id);
  });

  test('serves mail.google.com from fixture files and refuses everything else', async () => {
    const page = await firefox.openFixture(RIG_PAGE, { to: 'ana@example.com' });
    expect(page.url()).toBe('https://mail.google.com/mail/u/0/rig?to=ana%40example.com');
    expect(await page.title()).toBe('Offline rig');
    expect(await page.evaluate(() => document.documentElement.dataset.rigAsset)).toBe('loaded');
    expect(await page.evaluate(probeNetwork)).toEqual({ missing: 404, outside: 'refused' });
    expect(await sentLog(page)).toEqual([RIG_SENT]);
    await page.close();
  });
});

// The same production build's content script in Firefox ESR on the Gmail fixtures: warnings and the send dialog.
test.describe('Firefox ESR: the compose guard on Gmail fixtures', () => {
  let firefox: FirefoxRig;
  test.beforeAll(async () => {
    firefox = await launchFirefox();
  });
  test.afterAll(async () => {
    await firefox?.close();
  });

  const textOf = (page: Page, selector: string) =>
    page.$eval(selector, (element) => element.textContent ?? '').catch(() => '');
  const panel = '>>> [role="region"][aria-label="Bounce Guard"]';
  const dialog = '>>> [role="dialog"][aria-modal="true"]';
  /** A button of our dialog by its text (our UI is in a shadow root, which `>>>` pierces). */
  async function dialogButton(page: Page, name: string) {
    for (const candidate of await page.$$(`${dialog} button`)) {
      if ((await candidate.evaluate((b) => b.textContent)) === name) return candidate;
    }
    throw new Error(`no "${name}" button in the dialog`);
  }

  test('shows the typo warning beside the compose', async () => {
    const page = await firefox.openFixture('popup', { to: 'jan@gmial.com' });
    await waitForUiHost(page, UI_PANEL);
    await page.waitForSelector(panel);
    await expect.poll(() => textOf(page, panel)).toContain('jan@gmial.com');
    await page.close();
  });

  test('stops Send with findings; "Send anyway" sends exactly once', async () => {
    const page = await firefox.openFixture('popup', { to: 'jan@gmial.com', subject: 'Invoice' });
    await page.waitForSelector(panel);
    await page.click('[role=button].aoO');
    await page.waitForSelector(dialog);
    expect(await sentLog(page)).toEqual([]);
    await (await dialogButton(page, 'Send anyway')).click();
    await expect.poll(() => sentLog(page)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await sentLog(page)).toHaveLength(1);
    expect(await page.$(dialog)).toBeNull();
    await page.close();
  });

  test('a compose with nothing wrong sends at the first click', async () => {
    const page = await firefox.openFixture('popup', { to: 'jan@example.com' });
    await waitForUiHost(page, UI_PANEL);
    await page.click('[role=button].aoO');
    await expect.poll(() => sentLog(page)).toHaveLength(1);
    expect(await page.$(dialog)).toBeNull();
    await page.close();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { launchFirefox, sentLog, type FirefoxRig } from './harness/firefox';
import { firefoxBuildDir } from './harness/paths';
import { RIG_PAGE, RIG_SENT, probeNetwork, writeRigFixture } from './harness/rigFixture';

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

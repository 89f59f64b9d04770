import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, sentLog, test, withoutExtension } from './harness/fixtures';
import { gmailFixtureDir } from './harness/paths';
import { RIG_PAGE, RIG_SENT, probeNetwork, writeRigFixture } from './harness/rigFixture';

test('the extension service worker starts', async ({ extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
});

for (const extensionPage of ['popup.html', 'options.html']) {
  test(`${extensionPage} renders`, async ({ context, openExtensionPage }) => {
    const errors: Error[] = [];
    context.on('weberror', (webError) => errors.push(webError.error()));
    const page = await openExtensionPage(extensionPage);
    await expect(page).toHaveTitle(/\S/);
    expect(errors).toEqual([]);
  });
}

test.describe('offline rig', () => {
  test.use({ fixtureDir: writeRigFixture() });

  test('serves mail.google.com from fixture files and refuses everything else', async ({ openFixture }) => {
    const page = await openFixture(RIG_PAGE, { to: 'ana@example.com' });
    expect(page.url()).toBe('https://mail.google.com/mail/u/0/rig?to=ana%40example.com');
    await expect(page).toHaveTitle('Offline rig');
    await expect(page.locator('html')).toHaveAttribute('data-rig-asset', 'loaded');
    expect(await page.evaluate(probeNetwork)).toEqual({ missing: 404, outside: 'refused' });
    expect(await sentLog(page)).toEqual([RIG_SENT]);
  });

  withoutExtension('runs the same page in a browser without the extension', async ({ context, openFixture }) => {
    const page = await openFixture(RIG_PAGE);
    await expect(page).toHaveTitle('Offline rig');
    expect(context.serviceWorkers()).toEqual([]);
  });
});

const gmailPages = (existsSync(gmailFixtureDir) ? readdirSync(gmailFixtureDir, { withFileTypes: true }) : [])
  .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
  .map((entry) => path.basename(entry.name, '.html'));

for (const name of gmailPages) {
  test(`Gmail fixture "${name}" loads offline, needing nothing from outside`, async ({ context, openFixture }) => {
    const missingAssets: string[] = [];
    const refused: string[] = [];
    context.on('response', (response) => {
      if (response.url().includes('/fixture-assets/') && response.status() !== 200) missingAssets.push(response.url());
    });
    context.on('requestfailed', (request) => refused.push(request.url()));
    const page = await openFixture(name);
    await page.waitForLoadState('load');
    expect({ missingAssets, refused }).toEqual({ missingAssets: [], refused: [] });
  });
}

// Renders docs/screenshot.png for the README: the production build in Chromium on the popup fixture, with the
// findings panel and the send dialog. Run after `npm run build`: node --import tsx scripts/screenshot.ts
import { launchChromium, routeOffline } from '../test/e2e/harness/chromium';
import { fixtureUrl } from '../test/e2e/harness/offline';
import { FIXTURE_READY } from '../test/e2e/harness/selectors';

const context = await launchChromium({ extension: true });
try {
  await routeOffline(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 700 });
  await page.goto(
    fixtureUrl('popup', {
      to: 'Jan Novak <jan@gmial.com>,eva@example.org',
      subject: 'Invoice 2026-114',
      bodyHtml: 'Hi Jan,<br>the invoice is attached. Pay online at <a href="https://bit.ly/pay-2026-114">bit.ly/pay-2026-114</a>.',
    }),
  );
  await page.locator(FIXTURE_READY).waitFor({ state: 'attached' });
  await page.getByRole('region', { name: 'Bounce Guard' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot.png' });
  await page.locator('[role=button].aoO').click();
  await page.getByRole('dialog', { name: /before sending/ }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-dialog.png' });
} finally {
  await context.close();
}

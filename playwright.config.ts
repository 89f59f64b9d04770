import { defineConfig } from '@playwright/test';

// E2e tier: the production build (run `npm run build` first) in Debian's Chromium and Firefox ESR, offline.
// One worker: the machines (CI included) have 2 cores, and each test starts a whole browser.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  projects: [
    // The harness launches /usr/bin/chromium itself (harness/chromium.ts); no Playwright-downloaded browser is used.
    { name: 'chromium', testIgnore: 'firefox.spec.ts' },
    // Firefox runs through puppeteer-core over WebDriver BiDi (harness/firefox.ts), not Playwright's Firefox.
    { name: 'firefox', testMatch: 'firefox.spec.ts' },
  ],
});

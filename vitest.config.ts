import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Unit tier: pure checks, the Gmail adapter against fixture documents (happy-dom), Dexie on fake-indexeddb,
// messaging and settings on WXT's fake browser. Browser e2e lives in test/e2e (Playwright), not here.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});

import { defineConfig } from 'vitest/config';

// Server tier: createApp over an in-memory SQLite database per test, plus a real listening server on 127.0.0.1
// where the network matters (CORS, gzip, ETag, the CLI next to a running server).
export default defineConfig({
  test: {
    include: ['test/server/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 20_000,
  },
});

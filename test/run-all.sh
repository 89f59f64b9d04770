#!/usr/bin/env bash
# `npm test`: every tier in order (types, unit, build, e2e in Chromium and Firefox). Stops at the first failing
# tier, and always ends with one "N passed, N failed, N skipped" line over the tests that ran.
set -euo pipefail
cd "$(dirname "$0")/.."

reports="$(mktemp -d)"
summarize() {
  node - "$reports" <<'JS' || true
const fs = require('node:fs');
const path = require('node:path');
const read = (name) => {
  try { return JSON.parse(fs.readFileSync(path.join(process.argv[2], name), 'utf8')); } catch { return null; }
};
const vitests = [read('vitest.json'), read('vitest-server.json')];
const e2e = read('playwright.json');
const sum = (key) => vitests.reduce((total, run) => total + (run?.[key] ?? 0), 0);
const passed = sum('numPassedTests') + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failed = sum('numFailedTests') + (e2e?.stats?.unexpected ?? 0);
const skipped = sum('numPendingTests') + sum('numTodoTests') + (e2e?.stats?.skipped ?? 0);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
JS
  rm -rf "$reports"
}
trap summarize EXIT

bash test/install-browsers.sh
echo "== types"
npx tsc --noEmit
npm run -s typecheck:server
echo "== unit"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
echo "== server"
npx vitest run --config vitest.server.config.ts --reporter=default --reporter=json --outputFile.json="$reports/vitest-server.json"
echo "== build (chrome-mv3, firefox-mv2)"
npm run build
echo "== e2e"
PLAYWRIGHT_JSON_OUTPUT_FILE="$reports/playwright.json" npx playwright test --reporter=list,json

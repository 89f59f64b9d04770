/**
 * What our content script costs Gmail's page, side by side in Debian Chromium with and without the built extension,
 * on the same fixture page (routed offline exactly as in the e2e tier):
 *   typing   main-thread script time per character typed into a compose body (target < 0.5 ms added)
 *   compose  script time from clicking Compose until the compose (and, with the extension, our UI host) is there
 *   bundle   size of the content script(s) in .output/chrome-mv3/content-scripts, raw and gzipped
 * Script time is CDP Performance.getMetrics "ScriptDuration" (thread time of the renderer's main thread, which runs
 * the page and our isolated-world content script alike), so a busy machine inflates it less than wall time would.
 *
 * Run: npm run build && npm run bench:compose [-- --runs 5 --chars 300 --fixture NAME]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { extensionIdOf, launchChromium, routeOffline } from '../test/e2e/harness/chromium';
import { fixtureUrl } from '../test/e2e/harness/offline';
import { chromeBuildDir, repoRoot, requireBuild } from '../test/e2e/harness/paths';
import { COMPOSE_BODY, COMPOSE_BUTTON, COMPOSE_ROOT, FIXTURE_READY, UI_PANEL } from '../test/e2e/harness/selectors';

const TARGET_MS_PER_CHAR = 0.5;
/** Longer than any debounce in the content script, so deferred checks land inside the measured window. */
const SETTLE_MS = 1_000;
const SAMPLE_TEXT = 'Hi Ana, the invoice for March is attached; details at https://example.com/i/42 as agreed. ';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    chars: { type: 'string', default: '300' },
    fixture: { type: 'string', default: 'popup' }, // the inbox with one compose mole open
  },
});
const runs = Number(options.runs);
const chars = Number(options.chars);
const fixture = options.fixture;
const typed = SAMPLE_TEXT.repeat(Math.ceil(chars / SAMPLE_TEXT.length)).slice(0, chars);

interface RunResult {
  typingMsPerChar: number;
  composeOpenMs: number;
}

async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = metrics.find((metric) => metric.name === 'ScriptDuration')?.value;
  if (seconds === undefined) throw new Error('CDP Performance.getMetrics has no ScriptDuration');
  return seconds * 1000;
}

async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(SETTLE_MS);
}

async function measureOnce(withExtension: boolean): Promise<RunResult> {
  const context: BrowserContext = await launchChromium({ extension: withExtension });
  try {
    await routeOffline(context);
    if (withExtension) await extensionIdOf(context); // the service worker is up before anything is measured
    const page = await context.newPage();
    await page.goto(fixtureUrl(fixture), { waitUntil: 'load' });
    await page.locator(FIXTURE_READY).waitFor({ state: 'attached' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await settle(page);

    const composes = await page.locator(COMPOSE_ROOT).count();
    const panels = await page.locator(UI_PANEL).count();
    const beforeOpen = await scriptMs(cdp);
    await page.locator(COMPOSE_BUTTON).first().click();
    const compose = page.locator(COMPOSE_ROOT).nth(composes); // a new compose goes after the open ones
    await compose.waitFor();
    if (withExtension) await page.locator(UI_PANEL).nth(panels).waitFor({ state: 'attached' });
    await settle(page);
    const composeOpenMs = (await scriptMs(cdp)) - beforeOpen;

    await compose.locator(COMPOSE_BODY).first().click();
    const beforeTyping = await scriptMs(cdp);
    await page.keyboard.type(typed);
    await settle(page);
    const typingMsPerChar = ((await scriptMs(cdp)) - beforeTyping) / typed.length;

    return { typingMsPerChar, composeOpenMs };
  } finally {
    await context.close();
  }
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function bundleSizes(): { file: string; bytes: number; gzipBytes: number }[] {
  const dir = path.join(chromeBuildDir, 'content-scripts');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const source = readFileSync(path.join(dir, name));
      return { file: `content-scripts/${name}`, bytes: source.length, gzipBytes: gzipSync(source).length };
    });
}

function row(cells: string[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(22) : cell.padStart(14))).join('');
}

requireBuild(chromeBuildDir);
const without: RunResult[] = [];
const withExtension: RunResult[] = [];
for (let run = 1; run <= runs; run++) {
  // Alternate which variant goes first, so drift on the machine does not favour one side.
  const order = run % 2 ? [false, true] : [true, false];
  for (const loaded of order) (loaded ? withExtension : without).push(await measureOnce(loaded));
  process.stdout.write(`run ${run}/${runs} done\n`);
}

const summary = {
  fixture,
  runs,
  chars: typed.length,
  typingMsPerChar: {
    without: median(without.map((result) => result.typingMsPerChar)),
    with: median(withExtension.map((result) => result.typingMsPerChar)),
  },
  composeOpenMs: {
    without: median(without.map((result) => result.composeOpenMs)),
    with: median(withExtension.map((result) => result.composeOpenMs)),
  },
  bundle: bundleSizes(),
  raw: { without, with: withExtension },
};
const addedPerChar = summary.typingMsPerChar.with - summary.typingMsPerChar.without;

console.log(`\nCompose benchmark: fixture "${fixture}", ${typed.length} characters, median of ${runs} runs\n`);
console.log(row(['', 'without ext', 'with ext', 'added']));
for (const [label, metric, digits] of [
  ['typing (ms/char)', summary.typingMsPerChar, 4],
  ['compose open (ms)', summary.composeOpenMs, 1],
] as const) {
  console.log(row([label, metric.without.toFixed(digits), metric.with.toFixed(digits), (metric.with - metric.without).toFixed(digits)]));
}
console.log(
  `\ntyping target: < ${TARGET_MS_PER_CHAR} ms added per character → ${addedPerChar < TARGET_MS_PER_CHAR ? 'met' : 'MISSED'}`,
);
for (const { file, bytes, gzipBytes } of summary.bundle) {
  console.log(`bundle ${file}: ${bytes.toLocaleString('en')} bytes, ${gzipBytes.toLocaleString('en')} gzipped`);
}

const resultsDir = path.join(repoRoot, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, `compose-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nraw results: ${path.relative(repoRoot, resultsFile)}`);

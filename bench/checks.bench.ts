/**
 * The pure checks (lib/checks) on drafts of growing size, in Node: time per runChecks call, with a baseline that
 * does the least any recipient check must (normalizeAddress + one Map.get per recipient) so results read as a ratio.
 * The large draft is the target case: 100 recipients (typos, malformed, pending text), 200 links (shortened and
 * redirect-wrapped among them), ~50 KB of body text with bare URLs, 100,000 suppressions, the full shortener list,
 * 200 learned frequent domains.
 * Target: p99 < 4 ms per runChecks on the large draft; printed as PASS/FAIL, never an exit code (bench/README.md:
 * speed is measured, not asserted). On a shared machine read p99 beside the baseline's p99: both include waits
 * for a CPU.
 *
 * Run: npm run bench:checks [-- --runs 2000 --warmup 300]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Suppression } from '../lib/api/suppression';
import { normalizeAddress } from '../lib/checks/address';
import { checks, defaultShorteners, runChecks } from '../lib/checks/index';
import type { CheckContext, CheckName, Draft, DraftRecipient } from '../lib/checks/types';

const TARGET_P99_MS = 4;
const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '2000' }, warmup: { type: 'string', default: '300' } },
});
const runs = Number(options.runs);
const warmup = Number(options.warmup);
const now = Date.UTC(2025, 5, 1);
const day = 86_400_000;

/** Deterministic pseudo-random numbers, so every run measures the same drafts. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}
const rand = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const names = ['jan', 'ana', 'li.wei', 'maria.rossi', 'tom', 'priya', 'olga', 'sam', 'noor', 'kenji'];
const companyDomains = Array.from({ length: 40 }, (_, i) => `client${i}-holdings.com`);
const providerDomains = ['gmail.com', 'outlook.com', 'yahoo.co.uk', 'web.de', 'icloud.com', 'orange.fr'];
const typoDomains = ['gmial.com', 'hotmail.con', 'yaho.fr', 'outlok.com', 'gmx.ed', 'icloud.cmo'];
const malformed = ['jan@@example.com', 'ana..b@example.com', 'tom@example', 'noor example.com', 'x@exa mple.com'];

function address(i: number): string {
  const domain = i % 10 === 0 ? pick(typoDomains) : i % 3 === 0 ? pick(providerDomains) : pick(companyDomains);
  return `${pick(names)}${i}@${domain}`;
}

function recipients(count: number): DraftRecipient[] {
  const list: DraftRecipient[] = [];
  for (let i = 0; i < count; i++) {
    const field = i % 7 === 0 ? 'cc' : i % 11 === 0 ? 'bcc' : 'to';
    let raw = address(i);
    if (i % 13 === 0) raw = pick(malformed);
    else if (i % 5 === 0) raw = `"${pick(names)}, ${pick(names)}" <${raw}>`;
    const pending = i % 17 === 0;
    if (pending) raw = `${raw}, ${address(i + 1000)}; Sam <${address(i + 2000)}>`;
    list.push({ field, raw, source: pending ? 'pending' : 'chip' });
  }
  return list;
}

function links(count: number): string[] {
  const list: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = `https://www.${pick(companyDomains)}/docs/${i}?ref=mail`;
    const short = `https://${pick(['bit.ly', 'tinyurl.com', 'www.bit.ly', 't.co', 'goo.gl'])}/x${i}`;
    switch (i % 10) {
      case 0:
        list.push(short);
        break;
      case 1:
        list.push(`https://www.google.com/url?q=${encodeURIComponent(i % 20 === 1 ? short : target)}&sa=D`);
        break;
      case 2:
        list.push(`https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(short)}&data=05`);
        break;
      default:
        list.push(target);
    }
  }
  return list;
}

function bodyText(bytes: number): string {
  const words = 'the invoice for March is attached please find details and let us know if anything is unclear'.split(' ');
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let part = pick(words);
    if (i % 40 === 0) part = `https://www.${pick(companyDomains)}/p/${i}`;
    else if (i % 97 === 0) part = `bit.ly/b${i}`;
    else if (i % 61 === 0) part = `www.example.org/${i}.`;
    parts.push(part);
    size += part.length + 1;
  }
  return parts.join(' ');
}

function draft(recipientCount: number, linkCount: number, bodyBytes: number): Draft {
  return {
    composeId: 'bench',
    recipients: recipients(recipientCount),
    subject: 'Invoice',
    bodyText: bodyText(bodyBytes),
    links: links(linkCount),
  };
}

function suppression(address: string, i: number): Suppression {
  const klass = (['hard', 'soft', 'block', 'complaint'] as const)[i % 4] ?? 'hard';
  return {
    address,
    class: klass,
    reason: klass === 'soft' ? 'mailboxfull' : klass === 'block' ? 'spamdetected' : 'userunknown',
    status: '5.1.1',
    diagnostic: null,
    source: 'ses',
    bounceCount: 1 + (i % 3),
    firstBounceAt: now - 20 * day,
    lastBounceAt: now - (i % 30) * day,
    suppressed: klass !== 'soft' && klass !== 'block',
    own: false,
    seq: i,
  };
}

function context(large: Draft): CheckContext {
  const facts = new Map<string, Suppression>();
  for (let i = 0; facts.size < 100_000; i++) {
    const key = `${pick(names)}${i}@bounced${i % 500}.example`;
    facts.set(key, suppression(key, i));
  }
  // A few of the draft's own recipients are on the list.
  for (const recipient of large.recipients.slice(0, 30)) {
    const key = normalizeAddress(recipient.raw);
    if (key !== null && facts.size < 100_010) facts.set(key, suppression(key, facts.size));
  }
  return {
    facts,
    // 200 learned domains: 30 of the draft's clients and 170 others the user writes to.
    frequentDomains: new Map(
      [...companyDomains.slice(0, 30), ...Array.from({ length: 170 }, (_, i) => `partner-${i}.example.org`)].map(
        (domain, i) => [domain, 200 - i],
      ),
    ),
    trustedDomains: new Set(['bounceguard.example']),
    shorteners: new Set([...defaultShorteners, 'go.example.com']),
    enabled: { bounced: true, malformed: true, typo: true, shortlink: true },
    now,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Measure {
  median: number;
  p90: number;
  p99: number;
}

/** A fresh copy of `d` as the adapter would read it on each change: new recipient objects, same text. */
function reread(d: Draft): Draft {
  return { ...d, recipients: d.recipients.map((r) => ({ ...r })), links: [...d.links] };
}

function summary(times: Float64Array): Measure {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}

/**
 * Times `fn` and `baseline` on the same fresh copy of `d` (copying is outside the timed spans, and no cache sees the
 * same draft twice), alternating which goes first, so noise on a shared machine hits both alike.
 */
function measure(d: Draft, fn: (d: Draft) => unknown, baseline: (d: Draft) => unknown): { m: Measure; baseline: Measure } {
  const time = (run: (d: Draft) => unknown, copy: Draft) => {
    const start = performance.now();
    run(copy);
    return performance.now() - start;
  };
  for (let i = 0; i < warmup; i++) {
    fn(reread(d));
    baseline(reread(d));
  }
  const times = new Float64Array(runs);
  const baseTimes = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    if (i % 2) {
      times[i] = time(fn, reread(d));
      baseTimes[i] = time(baseline, reread(d));
    } else {
      baseTimes[i] = time(baseline, reread(d));
      times[i] = time(fn, reread(d));
    }
  }
  return { m: summary(times), baseline: summary(baseTimes) };
}

const sizes = [
  { name: 'small', draft: draft(5, 5, 2_000) },
  { name: 'medium', draft: draft(25, 50, 15_000) },
  { name: 'large', draft: draft(100, 200, 50_000) },
];
const large = sizes[2]!.draft;
const ctx = context(large);

/** The least any recipient check does: the suppression key of each recipient, and one lookup. */
function lookupsOnly(copy: Draft): number {
  let hits = 0;
  for (const recipient of copy.recipients) {
    const key = normalizeAddress(recipient.raw);
    if (key !== null && ctx.facts.has(key)) hits++;
  }
  return hits;
}

const rows: { label: string; m: Measure; baseline: Measure }[] = [];
for (const { name, draft: d } of sizes) {
  const kb = Math.round(d.bodyText.length / 1000);
  const label = `${name} (${d.recipients.length} rcpt, ${d.links.length} links, ${kb} KB)`;
  rows.push({ label, ...measure(d, (copy) => runChecks(copy, ctx), lookupsOnly) });
  if (name === 'large') {
    for (const [check, run] of Object.entries(checks) as [CheckName, (typeof checks)[CheckName]][]) {
      rows.push({ label: `  large: ${check} only`, ...measure(d, (copy) => run(copy, ctx), lookupsOnly) });
    }
  }
}

const findings = runChecks(large, ctx);
if (process.env.BENCH_SHOW_FINDINGS) for (const f of findings) console.log(f.kind, f.subject, f.fix?.action.to ?? '');
const counts: Record<string, number> = {};
for (const finding of findings) counts[finding.kind] = (counts[finding.kind] ?? 0) + 1;
const cell = (text: string, width: number) => text.padStart(width);
console.log(`\nChecks benchmark: ${runs} runs after ${warmup} warm-up, Node ${process.version}, 100,000 suppressions\n`);
console.log(
  `${'case'.padEnd(44)}${cell('median ms', 10)}${cell('p90 ms', 9)}${cell('p99 ms', 9)}` +
    `${cell('base med', 10)}${cell('base p99', 10)}${cell('× base', 8)}`,
);
for (const { label, m, baseline } of rows) {
  const ms = (value: number, width: number) => cell(value.toFixed(3), width);
  console.log(
    `${label.padEnd(44)}${ms(m.median, 10)}${ms(m.p90, 9)}${ms(m.p99, 9)}` +
      `${ms(baseline.median, 10)}${ms(baseline.p99, 10)}${cell((m.median / baseline.median).toFixed(1), 8)}`,
  );
}
const largeRow = rows.find((row) => row.label.startsWith('large ('));
const pass = largeRow !== undefined && largeRow.m.p99 < TARGET_P99_MS;
console.log(`\nlarge draft findings: ${JSON.stringify(counts)}`);
const verdict = pass ? 'PASS' : 'FAIL';
console.log(`target: runChecks p99 < ${TARGET_P99_MS} ms on the large draft → ${verdict} (${largeRow?.m.p99.toFixed(3)} ms)`);
const [load] = loadavg();
const cpus = availableParallelism();
if (load !== undefined && load > cpus) {
  console.log(`note: load average ${load.toFixed(1)} on ${cpus} CPUs: wall-clock times include waiting for a CPU`);
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(repoRoot, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, `checks-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(resultsFile, `${JSON.stringify({ runs, warmup, node: process.version, rows, counts, pass }, null, 2)}\n`);
console.log(`raw results: ${path.relative(repoRoot, resultsFile)}`);

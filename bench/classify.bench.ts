/**
 * Bounce classification (lib/bounces) against the real-bounce corpus in test/fixtures/bounces: accuracy per
 * recipient, overall and per MTA/engine (expected.jsonl's `engine`), every miss listed, then throughput.
 * Targets (issue item 3): reason >= 92 %, class >= 96 %, hard flag >= 97 %, recipients >= 98 %.
 *
 * Run: npm run bench:classify [-- --rounds 5 --misses all|none]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classifyMessageWithSource } from '../lib/bounces/classify';
import {
  emptyTally, floors, loadCorpus, rates, scoreMessage, type Miss, type Tally,
} from '../test/unit/bounces/corpus';

const { values: options } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, misses: { type: 'string', default: 'all' } },
});
const rounds = Number(options.rounds);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const columns = ['msgs', 'rcpts', 'rcpt', 'reason', 'class', 'hard'];

function row(name: string, tally: Tally): string {
  const r = rates(tally);
  const cells = [tally.messages, tally.recipients].map((n) => String(n).padStart(6));
  const shares = [r.recipient, r.reason, r.class, r.hard].map((share) => percent(share).padStart(8));
  return [name.padEnd(16), ...cells, ...shares].join(' ');
}

async function main(): Promise<void> {
  const corpus = loadCorpus();
  const overall = emptyTally();
  const byEngine = new Map<string, Tally>();
  const misses: Miss[] = [];
  const readers = new Map<string, number>();
  for (const message of corpus) {
    const { source, results } = await classifyMessageWithSource(message.raw);
    readers.set(source, (readers.get(source) ?? 0) + 1);
    const engine = byEngine.get(message.engine) ?? emptyTally();
    byEngine.set(message.engine, engine);
    scoreMessage(message, results, overall, misses);
    scoreMessage(message, results, engine, []);
  }

  console.log('Bounce classification vs. Sisimai results on test/fixtures/bounces (sisimai/set-of-emails, BSD-2)');
  console.log('Scored per expected recipient, matched by address (the one entry without an address by position):');
  console.log('"rcpt" = the expected address is reported (of entries with an address); reason/class/hard = the');
  console.log('matched result agrees; a recipient we do not report counts wrong on all three.\n');
  console.log(`${'engine'.padEnd(16)} ${columns.map((c, i) => c.padStart(i < 2 ? 6 : 8)).join(' ')}`);
  console.log(row('ALL', overall));
  const worstFirst = [...byEngine.entries()].sort(
    ([, a], [, b]) => rates(a).reason - rates(b).reason || b.messages - a.messages,
  );
  for (const [engine, tally] of worstFirst) console.log(row(engine, tally));

  const r = rates(overall);
  const verdicts = (['recipient', 'reason', 'class', 'hard'] as const).map((name) => {
    const verdict = r[name] >= floors[name] ? 'ok' : 'BELOW';
    return `${name} ${percent(r[name])} (target ${percent(floors[name])}) ${verdict}`;
  });
  console.log(`\nTargets: ${verdicts.join('; ')}`);
  const used = [...readers.entries()].sort((a, b) => b[1] - a[1]).map(([source, n]) => `${source} ${n}`);
  console.log(`Readers used: ${used.join(', ')}`);

  if (options.misses !== 'none') {
    console.log(`\nMisses (${misses.length}): file [engine] expected -> got`);
    for (const miss of misses) console.log(`  ${miss.file} [${miss.engine}] ${miss.expected} -> ${miss.got}`);
  }

  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (const message of corpus) await classifyMessageWithSource(message.raw);
  }
  const seconds = (performance.now() - started) / 1000;
  const count = rounds * corpus.length;
  const perSecond = count / seconds;
  console.log(`\nThroughput: ${count} messages in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)} messages/s`);

  const resultsDir = path.join(repoRoot, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const resultsFile = path.join(resultsDir, `classify-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const engines = Object.fromEntries(
    [...byEngine.entries()].map(([engine, tally]) => [engine, { ...tally, ...rates(tally) }]),
  );
  const summary = {
    node: process.version, overall: { ...overall, ...r }, engines, misses, rounds, perSecond,
    readers: Object.fromEntries(readers),
  };
  writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`raw results: ${path.relative(repoRoot, resultsFile)}`);
}

await main();

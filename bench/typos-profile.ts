/**
 * Where the typo engine's time goes, input by input (bench/typos.bench.ts gives the totals): every address of
 * typos.tsv and legit.tsv timed alone, `--runs` passes after `--warmup` untimed ones, through checkAddress and
 * through suggestDomain alone, with an empty call timed the same way as the baseline. Lists the slowest inputs by
 * median (slow by nature: what sets the p99) and by p99 (slow by accident: collections, other processes), and how
 * many inputs have a median above the p99 of all calls, that is, how much of the tail is the inputs themselves.
 *
 * Run: node --import tsx bench/typos-profile.ts [--runs 200 --warmup 5 --top 20]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkAddress } from '../lib/checks/checkAddress';
import { suggestDomain, type TypoContext } from '../lib/checks/typos';

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '5' },
    top: { type: 'string', default: '20' },
  },
});
const runs = Number(options.runs);
const top = Number(options.top);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const firstColumn = (file: string) =>
  readFileSync(path.join(repoRoot, 'test/unit/checks/data', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '');
const addresses = [...firstColumn('typos.tsv'), ...firstColumn('legit.tsv')];
const nobody: TypoContext = { frequentDomains: new Map(), trustedDomains: new Set() };
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

const subjects: [string, (address: string) => unknown][] = [
  ['timer alone', () => null],
  ['checkAddress', (address) => checkAddress(address)],
  ['suggestDomain', (address) => suggestDomain(domainOf(address), nobody)],
];
const at = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
const us = (value: number) => value.toFixed(1).padStart(7);

for (const [name, measured] of subjects) {
  for (let pass = 0; pass < Number(options.warmup); pass++) addresses.forEach(measured);
  const perInput = addresses.map(() => new Float64Array(runs));
  const all = new Float64Array(addresses.length * runs);
  for (let run = 0; run < runs; run++) {
    addresses.forEach((address, i) => {
      const start = process.hrtime.bigint();
      measured(address);
      const elapsed = Number(process.hrtime.bigint() - start) / 1000;
      perInput[i]?.set([elapsed], run);
      all[run * addresses.length + i] = elapsed;
    });
  }
  all.sort();
  const p99 = at(all, 0.99);
  console.log(
    `\n${name}, all calls (µs): p50 ${at(all, 0.5).toFixed(2)}, p90 ${at(all, 0.9).toFixed(2)}, ` +
      `p99 ${p99.toFixed(2)}, p99.9 ${at(all, 0.999).toFixed(2)}`,
  );
  if (name === 'timer alone') continue;
  const inputs = addresses.map((address, i) => {
    const times = (perInput[i] ?? new Float64Array(0)).sort();
    return { address, p50: at(times, 0.5), p99: at(times, 0.99) };
  });
  const slowest = (key: 'p50' | 'p99') =>
    [...inputs]
      .sort((x, y) => y[key] - x[key])
      .slice(0, top)
      .map((input) => `  ${input.address.padEnd(40)} p50 ${us(input.p50)}  p99 ${us(input.p99)}`)
      .join('\n');
  console.log(`slowest by median:\n${slowest('p50')}\nslowest by p99:\n${slowest('p99')}`);
  const tail = inputs.filter((input) => input.p50 > p99).length;
  console.log(`inputs whose median is above the p99 of all calls: ${tail} of ${inputs.length}`);
}

/**
 * The server's store and sync feed, on SQLite files in a temp directory:
 *  (a) ingest: events/s through recordClassified / recordEvents on one core, against a bare INSERT loop on the same
 *      file (the ceiling), one transaction per delivery, for single events (SES) and batches of 100 (SendGrid);
 *      and raw bounce messages/s through ingestRawMessage (parse, classify, store: POST /v1/inbound/dsn without
 *      HTTP), the 382 real messages of test/fixtures/bounces made unique, against classification alone;
 *  (b) a first sync of 100,000 suppressions from zero through the real HTTP API of a server in a child process,
 *      as the extension does it (gzip, zod-validated pages): pages/s, rows/s, bytes on the wire;
 *  (c) GET /v1/sync latency with 1,000,000 suppressions under 50 concurrent clients (autocannon, 127.0.0.1):
 *      random cursors at the default page size (the extension's) and the largest one, and the steady-state poll (304),
 *      against a ceiling: a bare node:http server sending one of those gzipped pages from memory.
 *
 * Run: npm run bench:server [-- --events 20000 --dsns 2000 --sync-rows 100000 --big-rows 1000000 --seconds 10]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { SYNC_PAGE_DEFAULT, SYNC_PAGE_MAX, syncPageSchema } from '../lib/api/sync';
import { classifyMessage } from '../lib/bounces';
import { openDb, type Db } from '../server/db/open';
import { ingestRawMessage } from '../server/inbound/ingest';
import { noNotifier } from '../server/notify/notifier';
import { classifyEvent, recordClassified, recordEvents } from '../server/store/events';
import { DAY, NOW, dsnCopies, ingestEvents, orgWithAdmin, populateFeed, rand } from './server-data';
import { serve, serveStatic, stopChildren } from './server-processes';

const { values: options } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    dsns: { type: 'string', default: '2000' },
    'sync-rows': { type: 'string', default: '100000' },
    'big-rows': { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
  },
});
const eventCount = Number(options.events);
const dsnCount = Number(options.dsns);
const syncRows = Number(options['sync-rows']);
const bigRows = Number(options['big-rows']);
const seconds = Number(options.seconds);

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'bounce-guard-bench-'));

/** A populated feed in the temp folder (server-data.ts populateFeed). */
function feedFile(name: string, rows: number): { file: string; token: string } {
  const file = path.join(work, name);
  return { file, ...populateFeed(file, rows) };
}

function fileDb(name: string): Db {
  return openDb(path.join(work, name));
}

// ---------------------------------------------------------------------------------------------------------------
// (a) ingest

function timeIt(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function benchIngest() {
  const items = ingestEvents(eventCount);
  const raws = items.map(({ event }) => JSON.stringify([event]));
  const rates: Record<string, number> = {};
  for (const batch of [1, 100]) {
    const db = fileDb(`ingest-${batch}.sqlite`);
    const { orgId } = orgWithAdmin(db);
    const store = { db, now: () => NOW, emailLogMs: 14 * DAY };
    const half = Math.floor(items.length / 2);
    const storeMs = timeIt(() => {
      for (let i = 0; i < half; i += batch) {
        const slice = items.slice(i, Math.min(i + batch, half));
        recordClassified(store, orgId, slice, batch === 1 ? (raws[i] as string) : JSON.stringify(slice.map((s) => s.event)));
      }
    });
    const classified = { ...store, classify: classifyEvent };
    const withClassifierMs = timeIt(() => {
      for (let i = half; i < items.length; i += batch) {
        const slice = items.slice(i, Math.min(i + batch, items.length)).map((s) => s.event);
        recordEvents(classified, orgId, slice, batch === 1 ? (raws[i] as string) : JSON.stringify(slice));
      }
    });
    db.exec(`CREATE TABLE bare (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, source TEXT NOT NULL,
      event_id TEXT NOT NULL, address TEXT NOT NULL, occurred_at INTEGER NOT NULL, UNIQUE (org_id, source, event_id)) STRICT`);
    const insert = db.prepare('INSERT INTO bare (org_id, source, event_id, address, occurred_at) VALUES (?, ?, ?, ?, ?)');
    const insertBatch = db.transaction((slice: typeof items) => {
      for (const { event } of slice) insert.run(orgId, event.source, event.eventId, event.recipient, event.occurredAt);
    });
    const bareMs = timeIt(() => {
      for (let i = 0; i < items.length; i += batch) insertBatch.immediate(items.slice(i, i + batch));
    });
    db.close();
    const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000);
    rates[`store, batch ${batch}`] = perSecond(half, storeMs);
    rates[`store + classifyDiagnostic, batch ${batch}`] = perSecond(items.length - half, withClassifierMs);
    rates[`bare INSERT, batch ${batch}`] = perSecond(items.length, bareMs);
  }
  return rates;
}

async function benchDsnIngest() {
  const copies = dsnCopies(dsnCount);
  const db = fileDb('dsn.sqlite');
  const { orgId } = orgWithAdmin(db);
  const deps = { db, now: () => NOW, emailLogMs: 14 * DAY, notifier: noNotifier };
  for (const raw of dsnCopies(382)) await classifyMessage(raw); // warm-up: both timed loops run compiled code
  let classifyMs = performance.now();
  for (const raw of copies) await classifyMessage(raw);
  classifyMs = performance.now() - classifyMs;
  let ingestMs = performance.now();
  let events = 0;
  for (const raw of copies) events += (await ingestRawMessage(deps, orgId, raw)).inserted;
  ingestMs = performance.now() - ingestMs;
  db.close();
  const perSecond = (ms: number) => Math.round((copies.length / ms) * 1000);
  return { messages: copies.length, events, 'classify only, msgs/s': perSecond(classifyMs), 'ingest, msgs/s': perSecond(ingestMs) };
}

// ---------------------------------------------------------------------------------------------------------------
// (b), (c) a populated file and a server on it

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token: string): Promise<{ status: number; body: Buffer; encoding?: string; etag?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: res.headers['content-encoding'], etag: res.headers.etag }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function benchSync(url: string, token: string, limit: number) {
  let cursor = '0';
  let pages = 0;
  let rows = 0;
  let wireBytes = 0;
  let jsonBytes = 0;
  const start = performance.now();
  for (;;) {
    const response = await get(`${url}/v1/sync?cursor=${cursor}&limit=${limit}`, token);
    if (response.status !== 200) throw new Error(`sync answered ${response.status}`);
    const json = response.encoding === 'gzip' ? gunzipSync(response.body) : response.body;
    const page = syncPageSchema.parse(JSON.parse(json.toString('utf8')));
    pages++;
    rows += page.changes.length;
    wireBytes += response.body.length;
    jsonBytes += json.length;
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    limit,
    pages,
    rows,
    seconds: round(seconds, 2),
    pagesPerSecond: round(pages / seconds, 1),
    rowsPerSecond: Math.round(rows / seconds),
    gzipMB: round(wireBytes / 1e6, 2),
    jsonMB: round(jsonBytes / 1e6, 2),
    gzipBytesPerRow: round(wireBytes / rows, 1),
  };
}

async function loadTest(url: string, token: string, label: string, makePath: () => string, headers: Record<string, string> = {}) {
  // The server may still be answering the last run's queue (autocannon closes its sockets, not the work).
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await get(`${url}/healthz`, token);
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, path: makePath() }) }],
  });
  return {
    label,
    requests: result.requests.total,
    perSecond: round(result.requests.average, 1),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

async function main() {
  const started = performance.now();
  console.log(`bench:server on ${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; files in ${work}`);

  console.log(`\n(a) ingest, ${eventCount} events per case, one transaction per delivery`);
  const ingest = benchIngest();
  console.table(Object.entries(ingest).map(([label, perSecond]) => ({ label, 'events/s': perSecond })));
  const ratios = {
    single: round((ingest['store, batch 1'] ?? 0) / (ingest['bare INSERT, batch 1'] ?? 1), 3),
    batch100: round((ingest['store, batch 100'] ?? 0) / (ingest['bare INSERT, batch 100'] ?? 1), 3),
  };
  console.log(`store / bare INSERT: ${ratios.single} (single events), ${ratios.batch100} (batches of 100)`);
  const dsn = await benchDsnIngest();
  console.table([dsn]);
  console.log(`raw bounce messages: ingest / classification alone ${round(dsn['ingest, msgs/s'] / dsn['classify only, msgs/s'], 3)}`);

  console.log(`\n(b) first sync of ${syncRows} suppressions from zero over HTTP (gzip, zod-validated pages)`);
  const small = feedFile('sync.sqlite', syncRows);
  const smallUrl = await serve(small.file);
  const sync = [];
  for (const limit of [SYNC_PAGE_MAX, SYNC_PAGE_DEFAULT]) sync.push(await benchSync(smallUrl, small.token, limit));
  console.table(sync);

  console.log(`\n(c) GET /v1/sync with ${bigRows} suppressions, 50 connections, ${seconds} s each`);
  const populateStart = performance.now();
  const big = feedFile('big.sqlite', bigRows);
  console.log(`populated in ${round((performance.now() - populateStart) / 1000, 1)} s`);
  const bigUrl = await serve(big.file);
  const cursorFor = (limit: number) => () => `/v1/sync?cursor=${Math.floor(rand() * (bigRows - limit))}&limit=${limit}`;
  const etag = (await get(`${bigUrl}/v1/sync?cursor=${bigRows}&limit=${SYNC_PAGE_MAX}`, big.token)).etag ?? '';
  const samplePage = await get(`${bigUrl}${cursorFor(SYNC_PAGE_DEFAULT)()}`, big.token);
  const staticUrl = await serveStatic(samplePage.body, work);
  const load = [
    await loadTest(staticUrl, big.token, `ceiling: one gzipped ${SYNC_PAGE_DEFAULT}-row page from memory (node:http)`, () => '/'),
    await loadTest(bigUrl, big.token, `random cursor, limit ${SYNC_PAGE_DEFAULT} (the extension's)`, cursorFor(SYNC_PAGE_DEFAULT)),
    await loadTest(bigUrl, big.token, `random cursor, limit ${SYNC_PAGE_MAX}`, cursorFor(SYNC_PAGE_MAX)),
    await loadTest(bigUrl, big.token, 'poll at head with If-None-Match (304)', () => `/v1/sync?cursor=${bigRows}&limit=${SYNC_PAGE_MAX}`, { 'If-None-Match': etag }),
  ];
  console.table(load);
  const [ceiling, extension] = load;
  if (ceiling && extension) {
    console.log(`limit ${SYNC_PAGE_DEFAULT}: ${round(extension.perSecond / ceiling.perSecond, 3)} of the ceiling's requests/s; ` +
      `p99 ${extension.p99ms} ms vs ${ceiling.p99ms} ms`);
  }

  const results = { date: new Date().toISOString(), cores: availableParallelism(), ingest, ratios, dsn, sync, load, totalSeconds: round((performance.now() - started) / 1000, 1) };
  const out = path.join(root, 'bench/results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `server-${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\ntotal ${results.totalSeconds} s; results in ${path.relative(root, file)}`);
}

try {
  await main();
} finally {
  agent.destroy();
  await stopChildren();
  rmSync(work, { recursive: true, force: true });
}

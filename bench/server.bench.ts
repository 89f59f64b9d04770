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
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { SYNC_PAGE_DEFAULT, SYNC_PAGE_MAX, syncPageSchema } from '../lib/api/sync';
import { classifyMessage } from '../lib/bounces';
import { openDb, type Db } from '../server/db/open';
import { ingestRawMessage } from '../server/inbound/ingest';
import { noNotifier } from '../server/notify/notifier';
import { classifyEvent, recordClassified, recordEvents, type Classification } from '../server/store/events';
import { DAY, NOW, diagnostic, ingestEvents, orgWithAdmin, rand, verdicts } from './server-data';

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
const children: ChildProcess[] = [];

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

/** The fixture messages, each copy made unique by a header (the store keeps one payload per distinct message). */
function dsnCopies(count: number): Buffer[] {
  const dir = path.join(root, 'test/fixtures/bounces/maildir');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.eml')).sort();
  const messages = files.map((file) => readFileSync(path.join(dir, file)));
  return Array.from({ length: count }, (_, i) => {
    const message = messages[i % messages.length] as Buffer;
    // After an mbox "From " line if there is one, so the copy header is a header.
    const at = message.subarray(0, 5).toString('latin1') === 'From ' ? message.indexOf(10) + 1 : 0;
    return Buffer.concat([message.subarray(0, at), Buffer.from(`X-Bench-Copy: ${i}\r\n`), message.subarray(at)]);
  });
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

function populate(name: string, rows: number): { file: string; token: string } {
  const file = path.join(work, name);
  const db = openDb(file);
  const { orgId, token } = orgWithAdmin(db);
  const raw = db
    .prepare("INSERT INTO raw_payloads (org_id, source, sha256, body, received_at) VALUES (?, 'ses', 'x', x'00', ?) RETURNING id")
    .get(orgId, NOW) as { id: number };
  // owners as the store keeps it (server/db/suppressions.ts ownersOf): the admin sent every 7th bounced mail.
  const suppression = db.prepare(`INSERT INTO suppressions (org_id, address, class, reason, status, diagnostic, source,
    bounce_count, first_bounce_at, last_bounce_at, suppressed, seq, owners) VALUES (?, ?, ?, ?, ?, ?, 'ses', ?, ?, ?, ?, ?, ?)`);
  const event = db.prepare(`INSERT INTO bounce_events (org_id, source, event_id, kind, address, class, reason, hard,
    occurred_at, received_at, raw_payload_id, sender_user_id, counted) VALUES (?, 'ses', ?, 'bounce', ?, ?, ?, 0, ?, ?, ?, ?, 1)`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const kind = i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : 2;
      const verdict = verdicts[kind] as Classification;
      const address = `${Math.floor(rand() * 1e9).toString(36)}.${i.toString(36)}@client${Math.floor(rand() * 5000)}.example`;
      const at = NOW - Math.floor(rand() * 300 * DAY);
      suppression.run(orgId, address, verdict.class, verdict.reason, ['5.1.1', '4.2.2', '5.7.1'][kind], diagnostic(kind, address), 1 + (i % 3), at, at, kind === 0 ? 1 : 0, i + 1, i % 7 === 0 ? ',1,' : null);
      event.run(orgId, `e${i}`, address, verdict.class, verdict.reason, at, at, raw.id, i % 7 === 0 ? 1 : null);
    }
    db.prepare('UPDATE orgs SET feed_seq = ? WHERE id = ?').run(rows, orgId);
  }).immediate();
  db.close();
  return { file, token };
}

async function serve(file: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--db', file, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const parsed = JSON.parse(line) as { event?: string; url?: string };
    if (parsed.event === 'listening' && parsed.url) return parsed.url;
  }
  throw new Error('server did not start');
}

/**
 * The ceiling for (c): a bare node:http server in its own process answering every request with one gzipped sync
 * page held in memory, the same bytes our server sends. What it cannot beat is the HTTP stack and autocannon on
 * these cores; the rest of our latency is reading and compressing pages.
 */
async function serveStatic(body: Buffer): Promise<string> {
  const file = path.join(work, 'static-page.gz');
  writeFileSync(file, body);
  const script = `
    const body = require('node:fs').readFileSync(${JSON.stringify(file)});
    const server = require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  for await (const line of createInterface({ input: child.stdout! })) return (JSON.parse(line) as { url: string }).url;
  throw new Error('static server did not start');
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token: string): Promise<{ status: number; body: Buffer; encoding?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
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
  const small = populate('sync.sqlite', syncRows);
  const smallUrl = await serve(small.file);
  const sync = [];
  for (const limit of [SYNC_PAGE_MAX, SYNC_PAGE_DEFAULT]) sync.push(await benchSync(smallUrl, small.token, limit));
  console.table(sync);

  console.log(`\n(c) GET /v1/sync with ${bigRows} suppressions, 50 connections, ${seconds} s each`);
  const populateStart = performance.now();
  const big = populate('big.sqlite', bigRows);
  console.log(`populated in ${round((performance.now() - populateStart) / 1000, 1)} s`);
  const bigUrl = await serve(big.file);
  const cursorFor = (limit: number) => () => `/v1/sync?cursor=${Math.floor(rand() * (bigRows - limit))}&limit=${limit}`;
  const etag = await headEtag(bigUrl, big.token, bigRows);
  const samplePage = await get(`${bigUrl}${cursorFor(SYNC_PAGE_DEFAULT)()}`, big.token);
  const staticUrl = await serveStatic(samplePage.body);
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

async function headEtag(url: string, token: string, cursor: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request(`${url}/v1/sync?cursor=${cursor}&limit=${SYNC_PAGE_MAX}`, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers.etag)));
    })
      .on('error', reject)
      .end();
  });
}

try {
  await main();
} finally {
  agent.destroy();
  await Promise.all(
    children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve).kill('SIGTERM') : resolve(null)))),
  );
  rmSync(work, { recursive: true, force: true });
}

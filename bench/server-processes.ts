/** The child processes of bench/server.bench.ts: the real server on a file, and the static-page ceiling. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

/** The server as `npm run serve` runs it (reader threads and all), on `file`, at a free port: its URL. */
export async function serve(file: string): Promise<string> {
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
export async function serveStatic(body: Buffer, dir: string): Promise<string> {
  const file = path.join(dir, 'static-page.gz');
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

/** Stops every process started here. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve).kill('SIGTERM') : resolve(null)))),
  );
}

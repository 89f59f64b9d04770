import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';

/** The Bounce Guard server as a real process on 127.0.0.1 with its own SQLite file, driven through its CLI. */
export interface ServerRig {
  url: string;
  dbFile: string;
  /** Runs `npm run -s cli -- <args> --db <file>` and returns the JSON objects it printed, one per line. */
  cli(args: string[]): Record<string, unknown>[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(): Promise<ServerRig> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-server-'));
  const dbFile = path.join(dir, 'bounce-guard.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const cliPath = path.join(repoRoot, 'server', 'cli.ts');
  const cli = (args: string[]) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', cliPath, ...args, '--db', dbFile], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${run.stderr || run.stdout}`);
    return run.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', cliPath, 'serve', '--port', String(port), '--db', dbFile],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    dbFile,
    cli,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

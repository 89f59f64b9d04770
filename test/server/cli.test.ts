import { spawn, type ChildProcessWithoutNullStreams, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPageSchema } from '../../lib/api/sync';

/** The CLI as people run it (`npm run -s cli -- …`), next to a server it started itself on the same file. */

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let db: string;
let serving: ChildProcessWithoutNullStreams;
let serverLines: Record<string, unknown>[];
let url: string;

interface Run {
  code: number;
  lines: Record<string, unknown>[];
  errors: Record<string, unknown>[];
}

function cli(...args: string[]): Promise<Run> {
  const jsonLines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, lines: jsonLines(stdout), errors: jsonLines(stderr) });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-cli-'));
  db = path.join(dir, 'bg.sqlite');
  serving = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve', '--db', db, '--port', '0'], { cwd: root });
  serverLines = [];
  const lines = createInterface({ input: serving.stdout });
  await new Promise<void>((resolve, reject) => {
    serving.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    lines.on('line', (line) => {
      serverLines.push(JSON.parse(line) as Record<string, unknown>);
      if (serverLines.some((l) => l.event === 'first-start')) resolve();
    });
  });
  url = serverLines.find((line) => line.event === 'listening')?.url as string;
}, 60_000);

afterAll(async () => {
  const stopped = new Promise((resolve) => serving.once('exit', resolve));
  serving.kill('SIGTERM');
  await stopped;
  rmSync(dir, { recursive: true, force: true });
});

const sync = async (token: string) => {
  const response = await fetch(`${url}/v1/sync`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, page: response.status === 200 ? syncPageSchema.parse(await response.json()) : null };
};

// Each command is a fresh Node process compiling TypeScript through tsx: seconds each on a busy machine.
describe('cli while the server runs', { timeout: 60_000 }, () => {
  it('users add creates the org, prints a token the running server accepts', async () => {
    const run = await cli('users', 'add', '--db', db, '--org', 'Acme', '--email', 'Ana@Acme.test', '--role', 'member');
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(1);
    expect(run.lines[0]).toMatchObject({ org: 'Acme', orgCreated: true, email: 'ana@acme.test', role: 'member' });
    expect((await sync(run.lines[0]?.token as string)).status).toBe(200);

    const second = await cli('users', 'add', '--db', db, '--org', 'Acme', '--email', 'boss@acme.test', '--role', 'admin');
    expect(second.lines[0]).toMatchObject({ orgCreated: false, role: 'admin' });
    const twice = await cli('users', 'add', '--db', db, '--org', 'Acme', '--email', 'ana@acme.test', '--role', 'member');
    expect(twice).toMatchObject({ code: 1, lines: [], errors: [{ error: expect.stringContaining('already a user') }] });
  });

  it('import lists an export; the running server syncs it', async () => {
    const admin = await cli('users', 'add', '--db', db, '--org', 'Importers', '--email', 'boss@imp.test', '--role', 'admin');
    const token = admin.lines[0]?.token as string;
    const file = path.join(dir, 'ses.json');
    writeFileSync(file, JSON.stringify({ SuppressedDestinationSummaries: [
      { EmailAddress: 'gone@example.com', Reason: 'BOUNCE', LastUpdateTime: '2026-10-01T08:00:00Z' },
      { EmailAddress: 'angry@example.com', Reason: 'COMPLAINT', LastUpdateTime: '2026-10-02T08:00:00Z' },
    ] }));
    const run = await cli('import', file, '--db', db, '--org', 'Importers');
    expect(run).toMatchObject({ code: 0, lines: [{ org: 'Importers', format: 'ses-json', added: 2, alreadyListed: 0 }] });
    const { page } = await sync(token);
    expect(page?.changes.map((c) => (c.op === 'put' ? [c.row.address, c.row.class] : null))).toEqual([
      ['gone@example.com', 'hard'],
      ['angry@example.com', 'complaint'],
    ]);

    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, 'ok@x.test\nnot an address\n');
    expect(await cli('import', bad, '--db', db, '--org', 'Importers')).toMatchObject({ code: 1, errors: [{ error: expect.stringContaining('not an address') }] });
    expect((await sync(token)).page?.changes).toHaveLength(2);
  });

  it('webhooks add prints the URL to give the ESP, with its provider and unguessable id', async () => {
    const mailgun = await cli('webhooks', 'add', '--db', db, '--org', 'Acme', '--provider', 'mailgun', '--signing-key', 'key-0123456789abcdef0123');
    expect(mailgun.code).toBe(0);
    expect(mailgun.lines[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/v1\/webhooks\/mailgun\/[\w-]{32}$/);

    const postmark = await cli('webhooks', 'add', '--db', db, '--org', 'Acme', '--provider', 'postmark', '--public-url', 'https://bg.acme.test/');
    const line = postmark.lines[0] as { url: string; password: string };
    expect(line.url).toMatch(new RegExp(`^https://bounce-guard:${line.password}@bg\\.acme\\.test/v1/webhooks/postmark/[\\w-]{32}$`));

    const noKey = await cli('webhooks', 'add', '--db', db, '--org', 'Acme', '--provider', 'sendgrid');
    expect(noKey).toMatchObject({ code: 2, errors: [{ error: expect.stringContaining('publicKey') }] });
    const noOrg = await cli('webhooks', 'add', '--db', db, '--org', 'Nobody', '--provider', 'mailgun', '--signing-key', 'key-0123456789abcdef0123');
    expect(noOrg).toMatchObject({ code: 1, errors: [{ error: expect.stringContaining('No org') }] });
  });

  it('orgs policy prints and changes an org’s policy', async () => {
    const shown = await cli('orgs', 'policy', '--db', db, '--org', 'Acme');
    expect(shown.lines[0]).toMatchObject({ policy: { soft: { suppressAfter: 3, windowDays: 14 }, block: { suppressAfter: null } } });
    const changed = await cli('orgs', 'policy', '--db', db, '--org', 'Acme', '--set', '{"soft":{"suppressAfter":5,"windowDays":30}}');
    expect(changed.lines[0]).toMatchObject({ policy: { soft: { suppressAfter: 5, windowDays: 30 }, hard: { suppressAfter: 1 } } });
    const invalid = await cli('orgs', 'policy', '--db', db, '--org', 'Acme', '--set', '{"soft":{"suppressAfter":0}}');
    expect(invalid.code).toBe(2);
  });

  it('classify prints what lib/bounces reads in each file', async () => {
    const run = await cli('classify', 'test/fixtures/bounces/maildir/bsd/lhost-postfix-04.eml', 'test/fixtures/bounces/maildir/bsd/arf-01.eml');
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      {
        file: expect.stringContaining('lhost-postfix-04'),
        bounces: [
          {
            recipient: 'kijitora@example.co.jp',
            reason: 'userunknown',
            class: 'hard',
            hard: true,
            status: '5.1.1',
            replyCode: '550',
            diagnostic: expect.stringContaining('550 5.1.1'),
          },
        ],
      },
      { file: expect.stringContaining('arf-01'), bounces: [expect.objectContaining({ reason: 'feedback', class: 'complaint' })] },
    ]);
  });

  it('check-address prints what the extension makes of each address', async () => {
    const run = await cli('check-address', 'jan@gmial.com', 'eva@example..com');
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      { input: 'jan@gmial.com', address: 'jan@gmial.com', valid: true, problems: [], suggestion: 'jan@gmail.com' },
      { input: 'eva@example..com', address: 'eva@example..com', valid: false, problems: [expect.any(String)], suggestion: null },
    ]);
  });

  it('answers usage mistakes with exit code 2 and a JSON error', async () => {
    expect(await cli('frobnicate')).toMatchObject({ code: 2, errors: [{ error: expect.stringContaining('Unknown command') }] });
    expect(await cli('users', 'add', '--db', db, '--org', 'Acme')).toMatchObject({ code: 2, errors: [{ error: '--email is required' }] });
    expect(await cli('users', 'add', '--db', db, '--org', 'Acme', '--email', 'x@y.test', '--role', 'owner', '--bogus')).toMatchObject({ code: 2 });
  });

  it('the server logged its first start once', () => {
    expect(serverLines.filter((line) => line.event === 'first-start')).toHaveLength(1);
  });
});

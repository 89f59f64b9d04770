import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPageSchema } from '../../lib/api/sync';
import { serverConfigSchema } from '../../server/config';
import { createUser, issueToken } from '../../server/db/users';
import { startServer, type RunningServer } from '../../server/start';
import { importSuppressions } from '../../server/store/import';

/** Over real sockets on 127.0.0.1: what only shows on the wire (CORS, gzip, ETag, Content-Length limits). */

let dir: string;
let server: RunningServer;
let token: string;
const logged: Record<string, unknown>[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-net-'));
  const config = serverConfigSchema.parse({ port: 0, db: path.join(dir, 'data', 'server.sqlite'), app: { bodyLimitBytes: 4096 } });
  server = await startServer(config, (line) => logged.push(line));
  token = logged.find((line) => line.event === 'first-start')?.token as string;
  const rows = Array.from({ length: 500 }, (_, i) => ({
    address: `person${i}@example.com`,
    class: 'hard' as const,
    reason: 'suppressed',
    status: null,
    diagnostic: null,
    source: 'ses' as const,
    at: 1_790_000_000_000,
  }));
  importSuppressions(server.db, 1, rows, { file: 'test', format: 'lines' }, Date.now());
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('first start', () => {
  it('listens on 127.0.0.1 under ./data and prints the admin token with the set-up steps', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const first = logged.find((line) => line.event === 'first-start');
    expect(first).toMatchObject({ org: 'My organisation', email: 'admin@localhost', role: 'admin' });
    expect(token).toMatch(/^bg_[\w-]{43}$/);
    expect((first?.setup as string[]).join('\n')).toContain(`Server URL: ${server.url}`);
  });
});

describe('CORS for the extension', () => {
  it.each([
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'moz-extension://0f0e9b5c-2a41-4d3a-9a57-5f1a2b3c4d5e',
  ])('answers the preflight of %s', async (origin) => {
    const preflight = await raw('OPTIONS', '/v1/sync', {
      Origin: origin,
      'Access-Control-Request-Method': 'DELETE',
      'Access-Control-Request-Headers': 'authorization,content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    const get = await raw('GET', '/v1/sync?limit=1', { Origin: origin, Authorization: `Bearer ${token}` });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe(origin);
    expect(get.headers['access-control-expose-headers']).toContain('ETag');
  });

  it.each(['https://evil.example', 'chrome-extension://not-an-id', 'null'])('gives %s no CORS grant', async (origin) => {
    const preflight = await raw('OPTIONS', '/v1/sync', { Origin: origin, 'Access-Control-Request-Method': 'GET' });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await raw('GET', '/v1/sync?limit=1', { Origin: origin, Authorization: `Bearer ${token}` });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('sync over the wire', () => {
  it('gzips a page for clients that accept it, and revalidates with ETag → 304', async () => {
    const plain = await raw('GET', '/v1/sync?limit=500', { Authorization: `Bearer ${token}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await raw('GET', '/v1/sync?limit=500', { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    const page = syncPageSchema.parse(JSON.parse(gunzipSync(zipped.body).toString('utf8')));
    expect(page.changes).toHaveLength(500);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 5);

    const etag = String(zipped.headers.etag);
    const revalidated = await raw('GET', '/v1/sync?limit=500', {
      Authorization: `Bearer ${token}`,
      'Accept-Encoding': 'gzip',
      'If-None-Match': etag,
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
  });

  it('answers 413 from Content-Length alone, and 401 before reading a body without a token', async () => {
    const big = JSON.stringify({ clientId: 'client-0001', subject: 'x'.repeat(5000), sentAt: 1, recipients: ['a@x.test'] });
    const tooLarge = await raw('POST', '/v1/emails', { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': String(big.length) }, big);
    expect(tooLarge.status).toBe(413);
    const anonymous = await raw('POST', '/v1/emails', { 'Content-Type': 'application/json' }, '{}');
    expect(anonymous.status).toBe(401);
  });

  it('serves users the CLI or another process adds to the same file', async () => {
    const userId = createUser(server.db, { orgId: 1, email: 'late@acme.test', role: 'member' }, Date.now());
    const late = issueToken(server.db, userId, Date.now());
    const response = await fetch(`${server.url}/v1/sync?limit=1`, { headers: { Authorization: `Bearer ${late}` } });
    expect(response.status).toBe(200);
    expect(syncPageSchema.parse(await response.json()).changes).toHaveLength(1);
  });
});

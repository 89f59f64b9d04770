import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, gzipResponses } from '../../server/gzip';

const big = JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ address: `person${i}@example.test` })) });

function app() {
  const routes = new Hono();
  routes.use('*', gzipResponses());
  routes.get('/big', (c) => c.body(big, 200, { 'Content-Type': 'application/json', ETag: '"v1"' }));
  routes.get('/small', (c) => c.json({ ok: true }));
  routes.get('/raw', (c) => c.body(big, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-transform' }));
  routes.get('/png', (c) => c.body(big, 200, { 'Content-Type': 'image/png' }));
  routes.get('/empty', (c) => c.body(null, 304));
  return routes;
}

const get = (path: string, encoding?: string, method = 'GET') =>
  app().request(path, { method, headers: encoding === undefined ? {} : { 'Accept-Encoding': encoding } });

describe('gzipResponses', () => {
  it('gzips a large JSON answer for a client that accepts it, with its length, Vary and a weak ETag', async () => {
    const response = await get('/big', 'br, gzip;q=0.8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Content-Length')).toBe(String(bytes.length));
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('ETag')).toBe('W/"v1"');
    expect(gunzipSync(bytes).toString('utf8')).toBe(big);
    expect(bytes.length).toBeLessThan(big.length / 4);
  });

  it.each([
    ['no Accept-Encoding', '/big', undefined],
    ['gzip refused with q=0', '/big', 'gzip;q=0, identity'],
    ['a body under the threshold', '/small', 'gzip'],
    ['Cache-Control: no-transform', '/raw', 'gzip'],
    ['a type that is compressed already', '/png', 'gzip'],
  ])('sends the body as it is for %s', async (_, path, encoding) => {
    const response = await get(path, encoding);
    expect(response.headers.get('Content-Encoding')).toBeNull();
    const text = await response.text();
    expect(text).toBe(path === '/small' ? '{"ok":true}' : big);
  });

  it('says Vary: Accept-Encoding even when it did not compress, so caches keep the two apart', async () => {
    expect((await get('/big')).headers.get('Vary')).toBe('Accept-Encoding');
    expect((await get('/png', 'gzip')).headers.get('Vary')).toBeNull();
  });

  it('leaves body-less answers and HEAD alone', async () => {
    const notModified = await get('/empty', 'gzip');
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('Content-Encoding')).toBeNull();
    expect((await get('/big', 'gzip', 'HEAD')).headers.get('Content-Encoding')).toBeNull();
  });
});

describe('acceptsGzip', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['GZIP', true],
    ['deflate, gzip;q=0.5', true],
    ['gzip;q=0', false],
    ['*', true],
    ['*;q=0', false],
    ['gzip;q=0, *', false],
    ['identity', false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

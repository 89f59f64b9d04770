import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';

const gzipAsync = promisify(gzip);
const noTransform = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const varyAcceptEncoding = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

export interface GzipOptions {
  /** Smaller bodies go as they are: the gzip header and a round trip to the thread pool cost more than they save. */
  threshold?: number;
  /**
   * 3: on a 1,000-row sync page (383 KB of JSON) zlib's level 3 takes 1.3 ms for 41.1 KB, level 6 (its default)
   * 4.3 ms for 39.5 KB: 4 % more bytes for a third of the CPU, which the server shares with SQLite.
   */
  level?: number;
}

/**
 * gzip for text and JSON answers, compressed in libuv's thread pool (zlib's async API) rather than on the event
 * loop. A 1,000-row sync page is about 380 KB of JSON; Hono's compress() streams it through CompressionStream on the
 * main thread, which cost more than reading the page from SQLite. Here the next request's read runs on the event
 * loop while this one's body is compressed on the other core. Same rules as compress(): only when the client accepts
 * gzip, never for HEAD, 206, an encoded body or `Cache-Control: no-transform`; `Vary: Accept-Encoding` on every
 * compressible answer, and a strong ETag becomes weak.
 */
export function gzipResponses({ threshold = 1024, level = 3 }: GzipOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type');
    if (
      res.body === null ||
      res.status === 206 ||
      c.req.method === 'HEAD' ||
      res.headers.has('Content-Encoding') ||
      type === null ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      noTransform.test(res.headers.get('Cache-Control') ?? '')
    ) {
      return;
    }
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !varyAcceptEncoding.test(vary ?? '')) {
      res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    }
    if (!acceptsGzip(c.req.header('Accept-Encoding'))) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (body.byteLength >= threshold) {
      headers.set('Content-Encoding', 'gzip');
      const etag = headers.get('ETag');
      if (etag !== null && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    }
    const out = body.byteLength >= threshold ? await gzipAsync(body, { level }) : body;
    headers.set('Content-Length', String(out.byteLength));
    replaceResponse(c, new Response(out, { status: res.status, statusText: res.statusText, headers }));
  };
}

/**
 * Hono's `c.res =` wraps a new response around the old one's body stream and copies the old headers over; cleared
 * first, the new response keeps its byte body, which @hono/node-server writes in one call instead of streaming.
 */
function replaceResponse(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}

/** RFC 9110 Accept-Encoding: `gzip` or `*` with a q above 0. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  const accepts = parseAccept(header);
  const q = (name: string) => accepts.find((a) => a.type.toLowerCase() === name)?.q;
  return (q('gzip') ?? q('*') ?? 0) > 0;
}

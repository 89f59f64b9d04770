import { z } from 'zod';
import { apiErrorSchema } from '../api/errors';
import type { Suppression } from '../api/suppression';
import { SYNC_PAGE_DEFAULT, syncPageSchema, type SyncPage } from '../api/sync';
import {
  clearServerRows,
  deleteSuppressions,
  getSyncState,
  lookupAddresses,
  putSuppressions,
  setSyncState,
  suppressionTransaction,
} from '../db';

export interface Connection {
  serverUrl: string;
  token: string;
}

export type PullResult =
  | { ok: true; pages: number; changes: number; newOwnBounces: Suppression[] }
  | { ok: false; error: string; retryable: boolean };

const CURSOR = 'sync.cursor';
const ETAG = 'sync.etag';
/** A bound on one run's requests, so a server that always says `hasMore` (or 410) cannot keep us busy forever. */
const MAX_REQUESTS_PER_RUN = 500;

class SyncHttpError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Pulls the org's suppression changes since the stored cursor, page by page. Each page is validated, then applied
 * with its cursor in ONE transaction, so a crash or a bad page never leaves half a page or a cursor ahead of its
 * rows. A `410` (cursor older than the feed) clears the server's rows and starts again from zero, in the same
 * transaction as the first page of the new run.
 */
export async function pullChanges(connection: Connection, fetchImpl: typeof fetch = fetch): Promise<PullResult> {
  let cursor = (await getSyncState(CURSOR, z.string())) ?? '0';
  let etag = await getSyncState(ETAG, z.string());
  let resetting = false;
  let pages = 0;
  let changes = 0;
  const newOwnBounces: Suppression[] = [];
  try {
    for (let request = 0; request < MAX_REQUESTS_PER_RUN; request++) {
      const page = await fetchPage(connection, cursor, request === 0 ? etag : undefined, fetchImpl);
      if (page === 'gone') {
        if (resetting || cursor === '0') throw new SyncHttpError('the server refused a sync from the start (410)', true);
        resetting = true;
        cursor = '0';
        etag = undefined;
        continue;
      }
      if (page === 'unchanged') break;
      pages++;
      // A run from zero brings history, not news: nothing in it is announced as a new bounce.
      const news = await applyPage(page.body, { resetting, fromZero: resetting || cursor === '0' });
      newOwnBounces.push(...news);
      resetting = false;
      changes += page.body.changes.length;
      cursor = page.body.nextCursor;
      if (page.etag !== null) await setSyncState(ETAG, page.etag);
      if (!page.body.hasMore) break;
    }
    return { ok: true, pages, changes, newOwnBounces };
  } catch (error) {
    if (error instanceof SyncHttpError) return { ok: false, error: error.message, retryable: error.retryable };
    return { ok: false, error: error instanceof Error ? error.message : String(error), retryable: true };
  }
}

type Fetched = 'gone' | 'unchanged' | { body: SyncPage; etag: string | null };

async function fetchPage(
  { serverUrl, token }: Connection,
  cursor: string,
  etag: string | undefined,
  fetchImpl: typeof fetch,
): Promise<Fetched> {
  const url = new URL('/v1/sync', serverUrl);
  url.searchParams.set('cursor', cursor);
  url.searchParams.set('limit', String(SYNC_PAGE_DEFAULT));
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (etag !== undefined) headers['If-None-Match'] = etag;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, cache: 'no-store' });
  } catch (error) {
    throw new SyncHttpError(`the server could not be reached (${error instanceof Error ? error.message : error})`, true);
  }
  if (response.status === 304) return 'unchanged';
  if (response.status === 410) return 'gone';
  if (!response.ok) throw new SyncHttpError(await describeFailure(response), response.status >= 500 || response.status === 429);
  const body = syncPageSchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) throw new SyncHttpError(`the server sent a malformed page: ${z.prettifyError(body.error)}`, true);
  return { body: body.data, etag: response.headers.get('ETag') };
}

async function describeFailure(response: Response): Promise<string> {
  const body = apiErrorSchema.safeParse(await response.json().catch(() => undefined));
  const detail = body.success ? body.data.error : response.statusText;
  if (response.status === 401) return `the server did not accept the access token (${detail})`;
  return `the server answered ${response.status} (${detail})`;
}

/** One page and its cursor, all or nothing; returns the bounces of the user's own mail that are new to us. */
async function applyPage(
  page: SyncPage,
  { resetting, fromZero }: { resetting: boolean; fromZero: boolean },
): Promise<Suppression[]> {
  const puts = page.changes.flatMap((change) => (change.op === 'put' ? [change.row] : []));
  const deletes = page.changes.flatMap((change) => (change.op === 'delete' ? [change.address] : []));
  return suppressionTransaction(async () => {
    const known = new Map((await lookupAddresses(puts.map((row) => row.address))).map((row) => [row.address, row]));
    if (resetting) await clearServerRows();
    await deleteSuppressions(deletes);
    await putSuppressions(puts);
    await setSyncState(CURSOR, page.nextCursor);
    if (fromZero) return [];
    return puts.filter((row) => row.own && row.lastBounceAt > (known.get(row.address)?.lastBounceAt ?? -1));
  });
}

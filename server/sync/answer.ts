import type { Db } from '../db/open';
import { feedState } from '../db/orgs';
import { feedPage, feedPageJson } from '../db/suppressions';

/** One `GET /v1/sync` after auth and query parsing: plain data, so it can cross to a worker thread. */
export interface SyncRequest {
  orgId: number;
  userId: number;
  cursor: number;
  limit: number;
  ifNoneMatch?: string;
}

/** 410, a 304 (no body) or a page (its JSON text), each but the first with its ETag. */
export type SyncAnswer = { gone: true } | { gone: false; etag: string; body?: string };

/**
 * The answer from one read transaction: the head, the floor and the page come from the same snapshot. The ETag
 * names the feed's head and floor, the user (`own` is theirs) and the cursor and limit, so a client polling the
 * same URL with If-None-Match gets a body-less 304 until something changes, and a tag carried over from another
 * cursor's page never matches.
 */
export function answerSync(db: Db, request: SyncRequest): SyncAnswer {
  const { orgId, userId, cursor, limit, ifNoneMatch } = request;
  return db.transaction((): SyncAnswer => {
    const feed = feedState(db, orgId);
    if (cursor > feed.head || (cursor > 0 && cursor < feed.floor)) return { gone: true };
    const etag = `W/"${feed.head}.${feed.floor}.${userId}.${cursor}.${limit}"`;
    if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) return { gone: false, etag };
    return { gone: false, etag, body: feedPageJson(feedPage(db, orgId, userId, cursor, limit)) };
  })();
}

/** RFC 9110 If-None-Match: weak comparison, a list of tags, or `*`. */
function matches(header: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

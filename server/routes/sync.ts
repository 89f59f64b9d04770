import { Hono } from 'hono';
import { syncQuerySchema } from '../../lib/api/sync';
import { requireUser } from '../auth';
import { feedState } from '../db/orgs';
import { feedPage, feedPageJson } from '../db/suppressions';
import { fail, readQuery, type AppEnv, type RouteDeps } from '../http';

type Answer = { gone: true } | { gone: false; etag: string; body?: string };

/**
 * `GET /v1/sync`: the org's suppression changes after a cursor. The ETag names the feed's head and floor, the
 * user (`own` is theirs) and the cursor and limit, so a client polling the same URL with If-None-Match gets a
 * body-less 304 until something changes, and a tag carried over from another cursor's page never matches.
 */
export function syncRoutes({ db }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireUser(db));
  routes.get('/', (c) => {
    const query = readQuery(c, syncQuerySchema);
    if (!query.ok) return query.response;
    const { limit } = query.data;
    const cursor = Number(query.data.cursor);
    const user = c.get('user');
    const ifNoneMatch = c.req.header('If-None-Match');
    // One read transaction: the head, the floor and the page come from the same snapshot.
    const answer = db.transaction((): Answer => {
      const feed = feedState(db, user.orgId);
      if (cursor > feed.head || (cursor > 0 && cursor < feed.floor)) return { gone: true };
      const etag = `W/"${feed.head}.${feed.floor}.${user.id}.${cursor}.${limit}"`;
      if (ifNoneMatch !== undefined && matches(ifNoneMatch, etag)) return { gone: false, etag };
      return { gone: false, etag, body: feedPageJson(feedPage(db, user.orgId, user.id, cursor, limit)) };
    })();
    if (answer.gone) return fail(c, 410, 'This cursor is older than the feed keeps: sync again from the start');
    c.header('ETag', answer.etag);
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Authorization');
    if (answer.body === undefined) return c.body(null, 304);
    return c.body(answer.body, 200, { 'Content-Type': 'application/json' });
  });
  return routes;
}

/** RFC 9110 If-None-Match: weak comparison, a list of tags, or `*`. */
function matches(header: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

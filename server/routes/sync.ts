import { Hono } from 'hono';
import { syncQuerySchema } from '../../lib/api/sync';
import { requireUser } from '../auth';
import { fail, readQuery, type AppEnv, type RouteDeps } from '../http';

/**
 * `GET /v1/sync`: the org's suppression changes after a cursor (server/sync/answer.ts), read by `syncReader`: in
 * reader threads when the server runs on a file, so the event loop stays free for everything else.
 */
export function syncRoutes({ db, syncReader }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireUser(db));
  routes.get('/', async (c) => {
    const query = readQuery(c, syncQuerySchema);
    if (!query.ok) return query.response;
    const user = c.get('user');
    const answer = await syncReader.answer({
      orgId: user.orgId,
      userId: user.id,
      cursor: Number(query.data.cursor),
      limit: query.data.limit,
      ifNoneMatch: c.req.header('If-None-Match'),
    });
    if (answer.gone) return fail(c, 410, 'This cursor is older than the feed keeps: sync again from the start');
    c.header('ETag', answer.etag);
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Authorization');
    if (answer.body === undefined) return c.body(null, 304);
    return c.body(answer.body, 200, { 'Content-Type': 'application/json' });
  });
  return routes;
}

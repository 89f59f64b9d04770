import { Hono } from 'hono';
import { suppressionListQuerySchema, unbounceRequestSchema, type SuppressionList, type UnbounceResult } from '../../lib/api/suppressions';
import { addressKey } from '../../lib/checks/address';
import { requireUser } from '../auth';
import { listSuppressions } from '../db/suppressions';
import { fail, readJson, readQuery, type AppEnv, type RouteDeps } from '../http';
import { unbounce } from '../store/unbounce';

/** The org's suppression list, visible to every member (it drives their warnings), and unbounce. */
export function suppressionRoutes({ db, now }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireUser(db));

  routes.get('/', (c) => {
    const query = readQuery(c, suppressionListQuerySchema);
    if (!query.ok) return query.response;
    const user = c.get('user');
    const { items, hasMore } = listSuppressions(db, user.orgId, user.id, query.data);
    const body: SuppressionList = { items, nextCursor: hasMore ? (items.at(-1)?.address ?? null) : null };
    return c.json(body);
  });

  routes.delete('/:address', async (c) => {
    const body = await readJson(c, unbounceRequestSchema);
    if (!body.ok) return body.response;
    const outcome = unbounce(db, c.get('user'), addressKey(c.req.param('address')), body.data.reason, now());
    if (!outcome.ok) {
      return outcome.status === 404
        ? fail(c, 404, 'No such address on your organisation’s list')
        : fail(c, 403, 'Only an admin may unbounce this address (a complaint, or a bounce of someone else’s mail)');
    }
    const result: UnbounceResult = { address: outcome.address, seq: outcome.seq };
    return c.json(result);
  });
  return routes;
}

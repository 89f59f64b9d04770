import { Hono } from 'hono';
import type { InboundResult } from '../../lib/api/inbound';
import { requireUser } from '../auth';
import { fail, type AppEnv, type RouteDeps } from '../http';
import { ingestRawMessage } from '../inbound/ingest';

const DAY_MS = 86_400_000;

/**
 * `POST /v1/inbound/dsn`: a raw bounce message (an MTA's pipe or a mailbox poller posts it with an admin's token),
 * stored by server/inbound/ingest.ts as the SMTP listener's are.
 */
export function inboundRoutes({ db, now, config, notifier }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const deps = { db, now, emailLogMs: config.emailLogDays * DAY_MS, notifier };
  routes.use('*', requireUser(db));
  routes.post('/dsn', async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin') return fail(c, 403, 'Only an admin’s token may post bounce messages');
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'message/rfc822') return fail(c, 415, 'Send the raw message as Content-Type: message/rfc822');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength === 0) return fail(c, 400, 'The message is empty');
    return c.json((await ingestRawMessage(deps, user.orgId, raw)) satisfies InboundResult);
  });
  return routes;
}

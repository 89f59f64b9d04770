import { Hono } from 'hono';
import type { Health } from '../../lib/api/health';
import type { RouteDeps } from '../http';

/** `GET /healthz` for supervisors: answers 200 only when the database can be read. */
export function healthRoutes({ db }: RouteDeps): Hono {
  const routes = new Hono();
  routes.get('/', (c) => {
    const body: Health = { ok: true, schemaVersion: db.pragma('user_version', { simple: true }) as number };
    return c.json(body);
  });
  return routes;
}

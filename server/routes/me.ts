import { Hono } from 'hono';
import { notificationSettingsSchema, type Me } from '../../lib/api/me';
import { requireUser } from '../auth';
import { setNotifyPreference, userProfile } from '../db/users';
import { readJson, type AppEnv, type RouteDeps } from '../http';

/** The token's own user: who they are, and how they hear about bounces of their mail (server/notify). */
export function meRoutes({ db }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('*', requireUser(db));

  routes.get('/', (c) => c.json(userProfile(db, c.get('user').id) satisfies Me));

  routes.put('/notifications', async (c) => {
    const body = await readJson(c, notificationSettingsSchema);
    if (!body.ok) return body.response;
    const { id } = c.get('user');
    setNotifyPreference(db, id, body.data.notify);
    return c.json(userProfile(db, id) satisfies Me);
  });
  return routes;
}

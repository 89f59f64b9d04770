import type { MiddlewareHandler } from 'hono';
import type { Db } from './db/open';
import { userByToken } from './db/users';
import { fail, type AppEnv } from './http';

const bearer = /^Bearer\s+(\S+)\s*$/i;

/** `Authorization: Bearer <token>` → the user, or 401. Every org-scoped query below keys on that user's org. */
export function requireUser(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer.exec(c.req.header('Authorization') ?? '')?.[1];
    const user = token === undefined ? undefined : userByToken(db, token);
    if (user === undefined) {
      c.header('WWW-Authenticate', 'Bearer realm="bounce-guard"');
      return fail(c, 401, token === undefined ? 'Send Authorization: Bearer <token>' : 'Unknown token');
    }
    c.set('user', user);
    await next();
  };
}

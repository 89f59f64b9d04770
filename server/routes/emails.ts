import { Hono } from 'hono';
import { emailCreateSchema, emailListQuerySchema, type EmailCreated, type EmailList } from '../../lib/api/emails';
import type { ApiIssue } from '../../lib/api/errors';
import { normalizeAddress } from '../../lib/checks/address';
import { listEmails } from '../db/emails';
import { requireUser } from '../auth';
import { fail, readJson, readQuery, type AppEnv, type RouteDeps } from '../http';
import { recordEmail } from '../store/emails';

const DAY_MS = 86_400_000;

/** The email log: the extension reports each sent mail; admins read the org's, members their own. */
export function emailRoutes({ db, now, config, notifier }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const emailLogMs = config.emailLogDays * DAY_MS;
  routes.use('*', requireUser(db));

  routes.post('/', async (c) => {
    const body = await readJson(c, emailCreateSchema);
    if (!body.ok) return body.response;
    const issues: ApiIssue[] = [];
    const recipients = body.data.recipients.map((raw, i) => {
      const address = normalizeAddress(raw);
      if (address === null) issues.push({ path: ['recipients', i], message: 'Not one email address', code: 'custom' });
      return address ?? '';
    });
    if (issues.length > 0) return fail(c, 400, 'The body does not match the schema', issues);
    const { linkedEventIds, ...stored } = recordEmail({ db, now, emailLogMs }, c.get('user'), {
      ...body.data,
      recipients: [...new Set(recipients)],
    });
    // A bounce that came before its mail was logged is news to the sender only now; the transaction has committed.
    notifier.recorded(linkedEventIds);
    const result: EmailCreated = stored;
    return c.json(result, stored.created ? 201 : 200);
  });

  routes.get('/', (c) => {
    const query = readQuery(c, emailListQuerySchema);
    if (!query.ok) return query.response;
    const user = c.get('user');
    const scope = { orgId: user.orgId, userId: user.role === 'admin' ? null : user.id };
    const { emails, hasMore } = listEmails(db, scope, query.data, now() - emailLogMs);
    const body: EmailList = { emails, nextCursor: hasMore ? String(emails.at(-1)?.id) : null };
    return c.json(body);
  });
  return routes;
}

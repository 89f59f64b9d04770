import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { appConfigSchema, type AppConfig } from './config';
import { extensionCors } from './cors';
import type { Db } from './db/open';
import { mailgunTokenStore, snsCertificateStore } from './db/verification-caches';
import { webhookById } from './db/webhooks';
import { gzipResponses } from './gzip';
import { fail, type AppEnv, type RouteDeps } from './http';
import { webhookRoutes } from './ingest/routes';
import { httpsCertificateFetcher, type FetchCertificate } from './ingest/sns-certificates';
import { emailRoutes } from './routes/emails';
import { healthRoutes } from './routes/health';
import { noNotifier, type Notifier } from './notify/notifier';
import { inboundRoutes } from './routes/inbound';
import { meRoutes } from './routes/me';
import { openApiRoutes } from './routes/openapi';
import { suppressionRoutes } from './routes/suppressions';
import { syncRoutes } from './routes/sync';
import { classifyEvent, recordEvents, type Classify } from './store/events';
import { inThreadReader, type SyncReader } from './sync/readers';

export interface AppDeps {
  db: Db;
  now?: () => number;
  config?: Partial<AppConfig>;
  /** ESP bounces' verdict; default lib/bounces classifyDiagnostic. */
  classify?: Classify;
  /** SES signing certificates; default HTTPS from AWS (tests serve their own). */
  fetchCertificate?: FetchCertificate;
  /** SES subscription confirmation; default the global fetch. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Mails users about bounces of their mail (server/notify); default none. */
  notifier?: Notifier;
  /** Where sync pages are read; default on the event loop over `db` (the server passes reader threads). */
  syncReader?: SyncReader;
}

/** The whole HTTP API over one database; tests build one per case on `openDb(':memory:')`. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const config = appConfigSchema.parse(deps.config ?? {});
  const routeDeps: RouteDeps = {
    db: deps.db,
    now: deps.now ?? Date.now,
    config,
    notifier: deps.notifier ?? noNotifier,
    syncReader: deps.syncReader ?? inThreadReader(deps.db),
  };
  const app = new Hono<AppEnv>();
  app.use('*', extensionCors());
  app.use('*', gzipResponses());
  app.use('*', limitBodies(config));
  app.route('/healthz', healthRoutes(routeDeps));
  app.route('/openapi.json', openApiRoutes());
  app.route('/v1/sync', syncRoutes(routeDeps));
  app.route('/v1/suppressions', suppressionRoutes(routeDeps));
  app.route('/v1/emails', emailRoutes(routeDeps));
  app.route('/v1/inbound', inboundRoutes(routeDeps));
  app.route('/v1/me', meRoutes(routeDeps));
  app.route('/v1/webhooks', webhooks(deps, routeDeps));
  app.notFound((c) => fail(c, 404, 'Not found'));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    console.error(err);
    return fail(c, 500, 'Internal error');
  });
  return app;
}

/**
 * ESP webhooks (server/ingest): each URL's id names the org; events go to the store in one transaction. What
 * verification remembers (Mailgun's used tokens, SNS certificates) is in the database too, so a restart or a second
 * server process on the same file agrees.
 */
function webhooks(deps: AppDeps, { db, now, config, notifier }: RouteDeps) {
  const store = { db, now, emailLogMs: config.emailLogDays * 86_400_000, classify: deps.classify ?? classifyEvent };
  return webhookRoutes({
    findWebhook: (id) => webhookById(db, id),
    recordEvents: (orgId, events, raw) => {
      const stored = recordEvents(store, orgId, events, raw);
      notifier.recorded(stored.eventIds);
      return stored;
    },
    fetchCertificate: deps.fetchCertificate ?? httpsCertificateFetcher(),
    certificateStore: snsCertificateStore(db),
    replayCache: mailgunTokenStore(db, now),
    fetch: deps.fetch ?? ((url, init) => fetch(url, init)),
    now,
  });
}

/**
 * 413 before a byte is parsed: JSON calls get the small limit, raw bounce messages the large one. Webhooks set
 * their own, after the webhook id was found (server/ingest/routes.ts).
 */
function limitBodies(config: AppConfig): MiddlewareHandler {
  const onError: Parameters<typeof bodyLimit>[0]['onError'] = (c) => fail(c, 413, 'The body is too large');
  const small = bodyLimit({ maxSize: config.bodyLimitBytes, onError });
  const large = bodyLimit({ maxSize: config.messageLimitBytes, onError });
  return (c, next) => {
    if (c.req.path.startsWith('/v1/webhooks/')) return next();
    return (c.req.path.startsWith('/v1/inbound/') ? large : small)(c, next);
  };
}

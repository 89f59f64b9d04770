import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { baseUrl, type ServerConfig } from './config';
import { openDb, type Db } from './db/open';
import { createOrg, orgCount } from './db/orgs';
import { createUser, issueToken } from './db/users';
import { createNotifier, noNotifier } from './notify/notifier';
import { startSmtpListener, type SmtpListener } from './smtp/listener';
import { runRetention } from './store/retention';
import { inThreadReader, threadReaders } from './sync/readers';

export type Log = (line: Record<string, unknown>) => void;

export interface RunningServer {
  url: string;
  db: Db;
  /** The SMTP listener's port when it is on. */
  smtpPort?: number;
  close(): Promise<void>;
}

/**
 * Opens the database, creates the first org and admin on a fresh file, listens, and runs the retention job now and
 * every `retentionMinutes`. Everything worth knowing is logged as one JSON object per line.
 */
export async function startServer(config: ServerConfig, log: Log): Promise<RunningServer> {
  const db = openDb(config.db);
  const firstAdmin = bootstrap(db, config, Date.now());
  const notifier =
    config.smtpUrl !== undefined && config.mailFrom !== undefined
      ? createNotifier({ db, now: Date.now, smtpUrl: config.smtpUrl, from: config.mailFrom, log })
      : noNotifier;
  // One reader thread per core: pages are read beside the event loop, which keeps serving ingest and polls.
  const syncReader = config.db === ':memory:' ? inThreadReader(db) : threadReaders(config.db, availableParallelism());
  const app = createApp({ db, config: config.app, notifier, syncReader });
  // Without createServer options @hono/node-server listens with node:http.
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = baseUrl(config, (server.address() as AddressInfo).port);
  log({ event: 'listening', url, db: config.db });
  let smtp: SmtpListener | undefined;
  if (config.smtpListenPort !== undefined) {
    smtp = await startSmtpListener({
      db,
      now: Date.now,
      emailLogMs: config.app.emailLogDays * 86_400_000,
      notifier,
      port: config.smtpListenPort,
      sizeLimit: config.app.messageLimitBytes,
      log,
    });
    log({ event: 'smtp-listening', host: '127.0.0.1', port: smtp.port });
  }
  if (notifier !== noNotifier) log({ event: 'notifier', smtp: redacted(config.smtpUrl), from: config.mailFrom });
  if (firstAdmin !== undefined) {
    log({
      event: 'first-start',
      org: config.firstOrg,
      email: config.firstAdmin,
      role: 'admin',
      token: firstAdmin.token,
      setup: [
        'The token is shown only now; keep it. More users: npm run -s cli -- users add --org NAME --email ADDR --role member',
        'In the browser, open Bounce Guard’s options page (toolbar icon → right-click → Options)',
        `Server URL: ${url}`,
        `Token: ${firstAdmin.token}`,
        'Save; the extension syncs the organisation’s suppression list from then on',
      ],
    });
  }
  const retention = () => {
    const result = runRetention(db, Date.now(), { ...config.app, rawPayloadDays: config.rawRetentionDays });
    if (result.emailsDeleted + result.tombstonesPruned + result.payloadsPruned > 0) log({ event: 'retention', ...result });
  };
  retention();
  const timer = setInterval(retention, config.retentionMinutes * 60_000);
  timer.unref();
  return {
    url,
    db,
    smtpPort: smtp?.port,
    close: async () => {
      clearInterval(timer);
      await smtp?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold the process for their idle timeout; requests in flight still finish.
      server.closeIdleConnections();
      await closed;
      await syncReader.close();
      await notifier.close();
      db.close();
    },
  };
}

/** On an empty database: the first org and its admin, whose token is returned to be printed once. */
function bootstrap(db: Db, config: ServerConfig, now: number): { token: string } | undefined {
  return db
    .transaction(() => {
      if (orgCount(db) > 0) return undefined;
      const org = createOrg(db, config.firstOrg, now);
      const userId = createUser(db, { orgId: org.id, email: config.firstAdmin, role: 'admin' }, now);
      return { token: issueToken(db, userId, now) };
    })
    .immediate();
}

/** The relay's URL for the log, without its password. */
function redacted(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

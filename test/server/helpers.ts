import { createApp, type AppDeps } from '../../server/app';
import type { AppConfig } from '../../server/config';
import { openDb, type Db } from '../../server/db/open';
import { createOrg, orgByName } from '../../server/db/orgs';
import { createUser, issueToken, type AuthUser, type Role } from '../../server/db/users';
import type { IngestEvent } from '../../server/ingest/event';
import { recordClassified, type Classification, type StoreDeps } from '../../server/store/events';

export const DAY = 86_400_000;
export const START = Date.UTC(2026, 10, 2, 9, 0, 0);

export interface TestUser extends AuthUser {
  token: string;
}

/**
 * A fresh in-memory server with a settable clock, as the style guide's server tier has it; `file` puts its database
 * in a file instead (for a CLI command that opens it too).
 */
export function testServer(config: Partial<AppConfig> = {}, deps: Pick<AppDeps, 'notifier'> & { file?: string } = {}) {
  const { file = ':memory:', ...appDeps } = deps;
  const db = openDb(file);
  let clock = START;
  const now = () => clock;
  const app = createApp({ db, now, config, ...appDeps });
  const store: StoreDeps = { db, now, emailLogMs: 14 * DAY };

  function user(orgName: string, email: string, role: Role = 'member'): TestUser {
    const org = orgByName(db, orgName) ?? createOrg(db, orgName, clock);
    const id = createUser(db, { orgId: org.id, email, role }, clock);
    return { id, orgId: org.id, email, role, token: issueToken(db, id, clock) };
  }

  async function call(
    path: string,
    options: { as?: TestUser; method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.Authorization = `Bearer ${options.as.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    const response = await app.request(path, { method: options.method ?? 'GET', headers, body });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
  }

  return {
    db,
    app,
    store,
    now,
    user,
    call,
    setTime: (at: number) => void (clock = at),
    advance: (ms: number) => void (clock += ms),
  };
}

export type TestServer = ReturnType<typeof testServer>;

export const verdicts = {
  hard: { reason: 'userunknown', class: 'hard', hard: true },
  soft: { reason: 'mailboxfull', class: 'soft', hard: false },
  block: { reason: 'spamdetected', class: 'block', hard: false },
  ignore: { reason: 'vacation', class: 'ignore', hard: false },
} satisfies Record<string, Classification>;

let eventCounter = 0;

export function event(fields: Partial<IngestEvent> = {}): IngestEvent {
  return {
    source: 'ses',
    eventId: `evt-${++eventCounter}`,
    kind: 'bounce',
    recipient: 'jan@example.com',
    status: '5.1.1',
    replyCode: '550',
    diagnostic: '550 5.1.1 user unknown',
    providerClass: 'Permanent/General',
    occurredAt: START,
    messageId: null,
    ...fields,
  };
}

/** Records events for an org as an ingest path would, each bounce with the given verdict. */
export function ingest(
  server: TestServer,
  orgId: number,
  items: [IngestEvent, Classification | null][],
  raw = JSON.stringify(items.map(([e]) => e)),
) {
  return recordClassified(
    server.store,
    orgId,
    items.map(([event, classification]) => ({ event, classification })),
    raw,
  );
}

export function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiError, ApiIssue } from '../lib/api/errors';
import type { AppConfig } from './config';
import type { Db } from './db/open';
import type { AuthUser } from './db/users';
import type { Notifier } from './notify/notifier';
import type { SyncReader } from './sync/readers';

export type AppEnv = { Variables: { user: AuthUser } };

/** What every route module gets from createApp. */
export interface RouteDeps {
  db: Db;
  now: () => number;
  config: AppConfig;
  /** Told of the events an ingest stored or a logged mail linked, after the transaction committed. */
  notifier: Notifier;
  /** Reads sync pages (server/sync/readers.ts). */
  syncReader: SyncReader;
}

export function fail(c: Context, status: ContentfulStatusCode, error: string, issues?: ApiIssue[]): Response {
  const body: ApiError = issues === undefined ? { error } : { error, issues };
  return c.json(body, status);
}

export function issuesOf(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
    code: issue.code,
  }));
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** The body as JSON, checked against `schema`; a 400 with zod's issues otherwise (nothing has been stored yet). */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<Parsed<z.output<S>>> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: fail(c, 400, 'The body is not valid JSON') };
  }
  return checked(c, schema, json, 'The body does not match the schema');
}

/** The query string, checked against `schema` (a repeated key counts once: the first). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): Parsed<z.output<S>> {
  return checked(c, schema, c.req.query(), 'The query does not match the schema');
}

function checked<S extends z.ZodType>(c: Context, schema: S, input: unknown, message: string): Parsed<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, response: fail(c, 400, message, issuesOf(parsed.error)) };
}

import { z } from 'zod';
import { storage, type StorageItemKey } from 'wxt/utils/storage';
import { canonicalDomain } from './checks/address';
import type { CheckName } from './checks/types';
import { emailCreateSchema } from './api/emails';
import { notifyPreferenceSchema, type NotifyPreference } from './api/me';
import { diagnosticEvent, type DiagnosticEvent } from './messaging';

/**
 * Every storage key of the extension, declared once. Reads are validated with zod and fall back to the
 * default on anything unexpected (storage outlives code versions); writes are validated and throw.
 * All items are at version 1: a change of shape bumps `version` and adds `migrations[n]` with a test of the
 * old value (WXT then migrates at startup, so no migrations are declared before they exist).
 */

/** A domain or host name as the user types it, stored canonical like the checks compare it (lower case, xn--). */
export const domainName = z
  .string()
  .trim()
  .transform((host) => canonicalDomain(host) ?? host)
  .pipe(z.hostname({ error: 'not a domain name', abort: true }).regex(/\./, 'not a domain name'));
const checksSchema = z.object({
  bounced: z.boolean().default(true),
  malformed: z.boolean().default(true),
  typo: z.boolean().default(true),
  shortlink: z.boolean().default(true),
} satisfies Record<CheckName, z.ZodType>);

export const settingsSchema = z.object({
  checks: checksSchema.default({ bounced: true, malformed: true, typo: true, shortlink: true }),
  /** The user's own or trusted domains: never flagged as typos. */
  trustedDomains: z.array(domainName).max(500).default([]),
  /** Shortener hosts on top of the shipped list. */
  extraShorteners: z.array(domainName).max(500).default([]),
  /** When connected: add each sent mail (recipients, subject, time; never the body) to the team's email log. */
  shareSentLog: z.boolean().default(true),
});
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The sync server: https, or plain http to this machine only (a server run for testing). */
export const serverUrlSchema = z
  .string()
  .trim()
  .min(1, { error: 'enter the server address', abort: true })
  .max(2000, { error: 'too long for a server address', abort: true })
  .superRefine((value, ctx) => {
    const problem = serverUrlProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

function serverUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a web address (https://...)';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not a web address (https://...)';
  if (url.protocol === 'http:' && !localHosts.has(url.hostname)) {
    return 'use https:// (plain http:// only for localhost or 127.0.0.1)';
  }
  if (url.username !== '' || url.password !== '') return 'put the token in the token field, not in the address';
  return null;
}

export const tokenSchema = z
  .string()
  .trim()
  .min(1, 'enter the access token')
  .max(512, 'too long for an access token')
  .regex(/^[\x21-\x7e]+$/, 'an access token has no spaces or special characters');

/** The same choice the server keeps per user (lib/api/me.ts): it sends the emails, we show the in-app ones. */
export const notificationPreference = notifyPreferenceSchema;
export type NotificationPreference = NotifyPreference;

const diagnosticCounter = z.object({
  count: z.number().int().nonnegative(),
  lastAt: z.number().int().nonnegative().nullable(),
  lastDetail: z.string().max(200).nullable(),
});
export type DiagnosticCounter = z.infer<typeof diagnosticCounter>;
export type Diagnostics = Record<DiagnosticEvent, DiagnosticCounter>;

const zeroCounter: DiagnosticCounter = { count: 0, lastAt: null, lastDetail: null };
export const emptyDiagnostics = Object.fromEntries(
  diagnosticEvent.options.map((event) => [event, zeroCounter]),
) as Diagnostics;

// A stored value from before an event existed gets that event at zero instead of losing every count.
export const diagnosticsSchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' ? { ...emptyDiagnostics, ...value } : value),
  z.record(diagnosticEvent, diagnosticCounter),
);

/** The events where we let Gmail send without checking: a problem on our side, shown in the popup. */
export const failOpenEvents = ['selector-miss', 'check-error', 'guard-error', 'lookup-pending'] as const satisfies
  readonly DiagnosticEvent[];

export interface ValidatedItem<T> {
  key: StorageItemKey;
  fallback: T;
  getValue(): Promise<T>;
  /** Throws (and stores nothing) when the value does not pass the schema. */
  setValue(value: T): Promise<void>;
  /** Calls back with the validated new value. Returns the unwatch function. */
  watch(callback: (value: T) => void): () => void;
}

function defineValidatedItem<T>(key: StorageItemKey, schema: z.ZodType<T>, fallback: T): ValidatedItem<T> {
  const item = storage.defineItem<unknown>(key, { fallback, version: 1 });
  const read = (raw: unknown): T => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    console.warn(`Bounce Guard: ignoring invalid stored ${key}`, z.prettifyError(parsed.error));
    return fallback;
  };
  return {
    key,
    fallback,
    getValue: async () => read(await item.getValue()),
    setValue: async (value) => item.setValue(schema.parse(value)),
    watch: (callback) => item.watch((raw) => callback(read(raw))),
  };
}

export const settingsItem = defineValidatedItem('local:settings', settingsSchema, defaultSettings);
export const serverUrlItem = defineValidatedItem('local:serverUrl', serverUrlSchema.nullable(), null);
export const tokenItem = defineValidatedItem('local:token', tokenSchema.nullable(), null);
export const notificationItem = defineValidatedItem('local:notifications', notificationPreference, 'in_app');
export const diagnosticsItem = defineValidatedItem('local:diagnostics', diagnosticsSchema, emptyDiagnostics);
/** How the last pulls from the server went, for the popup and the backoff. Times are epoch ms. */
export const syncStatusSchema = z.object({
  lastAttemptAt: z.number().int().nonnegative().nullable(),
  lastSuccessAt: z.number().int().nonnegative().nullable(),
  lastError: z.string().max(500).nullable(),
  /** Failed runs in a row; the next attempt waits 2^failures minutes, at most an hour. */
  failures: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
export const syncStatusItem = defineValidatedItem('local:syncStatus', syncStatusSchema, {
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  failures: 0,
});
/** Sent mail waiting to be added to the team's email log (oldest first); kept until the server took it. */
export const OUTBOX_LIMIT = 500;
export const outboxItem = defineValidatedItem('local:outbox', z.array(emailCreateSchema).max(OUTBOX_LIMIT), []);
/** Bounces of the user's own mail that arrived since the popup was last opened (the toolbar badge). */
export const unseenBouncesItem = defineValidatedItem('local:unseenBounces', z.number().int().nonnegative(), 0);

/**
 * When the suppression list last changed (epoch ms). Open Gmail tabs cache lookups in memory; they watch this
 * to ask again, because a content script cannot observe the extension's IndexedDB.
 */
export const suppressionsChangedItem = defineValidatedItem(
  'local:suppressionsChangedAt',
  z.number().int().nonnegative(),
  0,
);

/** Changes part of the settings from their latest stored value; throws (storing nothing) when invalid. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<void> {
  await settingsItem.setValue(change(await settingsItem.getValue()));
}

/** For content scripts (they may read storage directly): the settings now. */
export function loadSettings(): Promise<Settings> {
  return settingsItem.getValue();
}

/** For content scripts: called with the validated settings on every change. Returns the unwatch function. */
export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch(callback);
}

let diagnosticsWrite: Promise<unknown> = Promise.resolve();

/**
 * Counts one diagnostic event. storage has no transactions, so writes are queued here: only the background
 * calls this, which makes read-increment-write atomic in practice.
 */
export function recordDiagnostic(event: DiagnosticEvent, now: number, detail?: string): Promise<void> {
  const write = diagnosticsWrite.then(async () => {
    const current = await diagnosticsItem.getValue();
    await diagnosticsItem.setValue({
      ...current,
      [event]: { count: current[event].count + 1, lastAt: now, lastDetail: detail ?? null },
    });
  });
  diagnosticsWrite = write.catch(() => undefined);
  return write;
}

import Dexie, { type Transaction } from 'dexie';
import { z } from 'zod';
import { suppressionSchema, type Suppression } from '../api/suppression';
import { canonicalDomain } from '../checks/address';
import { suppressionsChangedItem } from '../settings';
import { addressKey } from '../checks/address';
import { listedAddress } from './address';
import { MAX_LISTED_ADDRESSES } from './addressList';
import { BounceGuardDb, domainRowSchema, type DomainRow } from './schema';

export { BounceGuardDb, DB_NAME, schemaVersions, type DomainRow } from './schema';
export { listedAddress } from './address';
export { parseAddressList, MAX_LISTED_ADDRESSES, type ParsedAddressList } from './addressList';

let shared: BounceGuardDb | undefined;

/**
 * The extension's database. Only extension pages and the background open it: a content script's IndexedDB
 * belongs to mail.google.com. Created on first use, because WXT imports entrypoints at build time.
 */
export function bounceGuardDb(): BounceGuardDb {
  // A content script opening it would silently get an empty database inside Gmail's origin.
  if (/^https?:$/.test(globalThis.location?.protocol ?? '')) {
    throw new Error('Bounce Guard: the database is for the background and extension pages; use sendRequest');
  }
  return (shared ??= new BounceGuardDb());
}

/**
 * Tells open Gmail tabs that the list changed. Inside a `suppressionTransaction` it waits for that one to
 * commit: a non-IndexedDB await inside a Dexie transaction would end the transaction early.
 */
async function announceChange(): Promise<void> {
  if (Dexie.currentTransaction === null) await suppressionsChangedItem.setValue(Date.now());
}

/** Suppression rows for these addresses (any spelling; keys are normalized), suppressed or not. */
export async function lookupAddresses(addresses: readonly string[]): Promise<Suppression[]> {
  const keys = [...new Set(addresses.map(addressKey))];
  const rows = await bounceGuardDb().suppressions.bulkGet(keys);
  return validRows(suppressionSchema, rows);
}

/** Counts one send to each distinct domain (a send to three people at one company counts once). */
export async function recordSentDomains(domains: readonly string[], now: number): Promise<void> {
  const names = [...new Set(domains.map(canonicalDomain))].filter((name): name is string => name !== null);
  if (names.length === 0) return;
  const db = bounceGuardDb();
  await db.transaction('rw', db.domains, async () => {
    const existing = await db.domains.bulkGet(names);
    await db.domains.bulkPut(
      names.map((domain, i) => ({ domain, count: (existing[i]?.count ?? 0) + 1, lastSentAt: now })),
    );
  });
}

/** The domains sent to most often, most frequent first. */
export async function frequentDomains(limit: number): Promise<DomainRow[]> {
  const rows = await bounceGuardDb().domains.orderBy('count').reverse().limit(limit).toArray();
  return validRows(domainRowSchema, rows);
}

/**
 * Bounces since `sinceMs`: the user's own first, then newest first. Manual entries are not bounces
 * and are left out.
 */
export async function recentBounces(sinceMs: number): Promise<Suppression[]> {
  const rows = await bounceGuardDb().suppressions.where('lastBounceAt').aboveOrEqual(sinceMs).toArray();
  return validRows(suppressionSchema, rows)
    .filter((row) => row.class !== 'manual')
    .sort((a, b) => Number(b.own) - Number(a.own) || b.lastBounceAt - a.lastBounceAt);
}

/**
 * Stores rows from outside (the server's feed); all are validated before anything is written, and they are
 * written in one transaction. Inside `suppressionTransaction` it joins that transaction.
 */
export async function putSuppressions(rows: readonly unknown[]): Promise<void> {
  const checked = z.array(suppressionSchema).safeParse(rows);
  if (!checked.success) throw new Error(`Suppression rows rejected: ${z.prettifyError(checked.error)}`);
  const db = bounceGuardDb();
  await db.transaction('rw', db.suppressions, () =>
    db.suppressions.bulkPut(checked.data.map((row) => ({ ...row, address: addressKey(row.address) }))),
  );
  await announceChange();
}

/** Removes rows by address (any spelling); inside `suppressionTransaction` it joins that transaction. */
export async function deleteSuppressions(addresses: readonly string[]): Promise<void> {
  const db = bounceGuardDb();
  await db.transaction('rw', db.suppressions, () => db.suppressions.bulkDelete(addresses.map(addressKey)));
  await announceChange();
}

/**
 * One all-or-nothing write over suppressions and sync state, e.g. a sync page: `putSuppressions`,
 * `deleteSuppressions` and `setSyncState` called inside join it; a throw anywhere undoes all of them.
 */
export async function suppressionTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = bounceGuardDb();
  const result = await db.transaction('rw', db.suppressions, db.syncState, work);
  await announceChange();
  return result;
}

/** A sync-state value, validated with the reader's schema; undefined when absent or invalid. */
export async function getSyncState<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const row = await bounceGuardDb().syncState.get(key);
  if (row === undefined) return undefined;
  const parsed = schema.safeParse(row.value);
  if (parsed.success) return parsed.data;
  console.warn(`Bounce Guard: ignoring invalid sync state "${key}"`, z.prettifyError(parsed.error));
  return undefined;
}

export async function setSyncState(key: string, value: unknown): Promise<void> {
  const db = bounceGuardDb();
  await db.transaction('rw', db.syncState, () => db.syncState.put({ key, value }));
}

export interface ImportResult {
  added: number;
  /** Already on the list (from the server or an earlier import); left as they are. */
  alreadyListed: number;
}

/**
 * Adds addresses the user listed by hand. Every entry must be an address, else nothing is written.
 * Rows already present (e.g. a real bounce from the server) are kept, not overwritten by a manual one.
 */
export async function importAddresses(list: readonly string[], now: number): Promise<ImportResult> {
  const checked = z.array(listedAddress).max(MAX_LISTED_ADDRESSES).safeParse(list);
  if (!checked.success) throw new Error(`Addresses rejected: ${z.prettifyError(checked.error)}`);
  const addresses = [...new Set(checked.data)];
  const db = bounceGuardDb();
  const result = await db.transaction('rw', db.suppressions, async () => {
    const existing = await db.suppressions.bulkGet(addresses);
    const fresh = addresses.filter((_, i) => existing[i] === undefined);
    await db.suppressions.bulkAdd(fresh.map((address) => manualRow(address, now)));
    return { added: fresh.length, alreadyListed: addresses.length - fresh.length };
  });
  if (result.added > 0) await announceChange();
  return result;
}

/**
 * Removes every row that came from the server (a resync from zero follows); the user's own local entries stay.
 * Inside `suppressionTransaction` it joins that transaction.
 */
export async function clearServerRows(): Promise<void> {
  const db = bounceGuardDb();
  await db.transaction('rw', db.suppressions, () => db.suppressions.filter((row) => row.source !== 'import').delete());
  await announceChange();
}

/** The entries the user added on this device (the ones they may remove here), by address. */
export async function localEntries(): Promise<Suppression[]> {
  const rows = await bounceGuardDb().suppressions.filter((row) => row.source === 'import').toArray();
  return validRows(suppressionSchema, rows).sort((a, b) => a.address.localeCompare(b.address));
}

/** Removes an entry the user added here; rows from the server are left alone (unbounce is the server's). */
export async function removeLocalEntry(address: string): Promise<boolean> {
  const db = bounceGuardDb();
  const key = addressKey(address);
  const removed = await db.transaction('rw', db.suppressions, async () => {
    const row = await db.suppressions.get(key);
    if (row?.source !== 'import') return false;
    await db.suppressions.delete(key);
    return true;
  });
  if (removed) await announceChange();
  return removed;
}

function manualRow(address: string, now: number): Suppression {
  return {
    address,
    class: 'manual',
    // Not in Sisimai's vocabulary on purpose: reasonInWords falls back to the class ("added to the list by hand").
    reason: 'manual',
    status: null,
    diagnostic: null,
    source: 'import',
    bounceCount: 0,
    firstBounceAt: now,
    lastBounceAt: now,
    suppressed: true,
    own: true,
    // Local rows never came through the feed.
    seq: 0,
  };
}

/** IndexedDB is shared with every version of this code, so rows are checked on the way out too. */
function validRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] {
  return rows.flatMap((row) => {
    if (row === undefined) return [];
    const parsed = schema.safeParse(row);
    if (parsed.success) return [parsed.data];
    console.warn('Bounce Guard: skipping an invalid database row', z.prettifyError(parsed.error));
    return [];
  });
}

import { browser } from 'wxt/browser';
import { serverUrlItem, syncStatusItem, tokenItem, type SyncStatus } from '../settings';
import { announceNewBounces } from './announce';
import { flushOutbox } from './outbox';
import { pullChanges } from './pull';

export const SYNC_ALARM = 'bounce-guard-sync';
/** How often a connected extension asks for changes; the feed answers 304 cheaply when nothing changed. */
const PERIOD_MINUTES = 5;
const MAX_BACKOFF_MINUTES = 60;

let running: Promise<string | null> | undefined;
let queued: Promise<string | null> | undefined;

/** Background wiring: pull on start, on the alarm, and whenever the server address or token changes. */
export function startSync(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncNow();
  });
  serverUrlItem.watch(() => void syncNow());
  tokenItem.watch(() => void syncNow());
  void syncNow();
}

/**
 * Runs one pull; resolves to null on success, else the error in words. A call during a run gets one more run after
 * it (calls meanwhile share that one): the run under way may have read settings that just changed, e.g. the server
 * address saved a moment before its token.
 */
export function syncNow(): Promise<string | null> {
  if (running === undefined) {
    running = runOnce().finally(() => (running = undefined));
    return running;
  }
  queued ??= running.then(
    () => ((queued = undefined), syncNow()),
    () => ((queued = undefined), syncNow()),
  );
  return queued;
}

async function runOnce(): Promise<string | null> {
  const [serverUrl, token] = await Promise.all([serverUrlItem.getValue(), tokenItem.getValue()]);
  if (serverUrl === null || token === null) {
    await browser.alarms.clear(SYNC_ALARM);
    return 'not connected to a server';
  }
  const startedAt = Date.now();
  const result = await pullChanges({ serverUrl, token });
  if (result.ok) await flushOutbox({ serverUrl, token });
  const before = await syncStatusItem.getValue();
  const status: SyncStatus = result.ok
    ? { lastAttemptAt: startedAt, lastSuccessAt: Date.now(), lastError: null, failures: 0 }
    : { ...before, lastAttemptAt: startedAt, lastError: result.error, failures: before.failures + 1 };
  await syncStatusItem.setValue(status);
  await browser.alarms.create(SYNC_ALARM, { delayInMinutes: nextDelayMinutes(status.failures) });
  if (result.ok && result.newOwnBounces.length > 0) await announceNewBounces(result.newOwnBounces);
  return result.ok ? null : result.error;
}

/** 5 minutes while all is well; after failures 1, 2, 4, … minutes, at most an hour. */
export function nextDelayMinutes(failures: number): number {
  return failures === 0 ? PERIOD_MINUTES : Math.min(MAX_BACKOFF_MINUTES, 2 ** (failures - 1));
}

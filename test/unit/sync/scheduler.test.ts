import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { serverUrlItem, syncStatusItem, tokenItem } from '@/lib/settings';
import { nextDelayMinutes, syncNow } from '@/lib/sync/scheduler';

beforeEach(() => fakeBrowser.reset());

describe('syncNow', () => {
  it('runs again after a run that started before the settings were complete', async () => {
    await serverUrlItem.setValue('http://127.0.0.1:9'); // the discard port: nothing listens
    const first = syncNow(); // reads the settings now: no token yet
    await tokenItem.setValue('bg_test_token');
    const second = syncNow(); // during the first run: must not just share it
    expect(await first).toBe('not connected to a server');
    expect(await second).toMatch(/could not be reached/);
    expect((await syncStatusItem.getValue()).failures).toBe(1);
  });

  it.each([
    [0, 5],
    [1, 1],
    [2, 2],
    [4, 8],
    [10, 60],
  ])('after %i failures waits %i minutes', (failures, minutes) => {
    expect(nextDelayMinutes(failures)).toBe(minutes);
  });
});

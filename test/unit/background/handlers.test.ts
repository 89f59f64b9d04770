import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createHandlers } from '@/lib/background/handlers';
import { bounceGuardDb, importAddresses } from '@/lib/db';
import { handleMessage } from '@/lib/messaging';
import { diagnosticsItem } from '@/lib/settings';
import { gmailSender } from './senders';

const now = 1_700_000_000_000;
let syncError: string | null = null;
const handlers = createHandlers({ now: () => now, syncNow: async () => syncError });
const ask = (message: unknown) => handleMessage(handlers, message, gmailSender());

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all(bounceGuardDb().tables.map((table) => table.clear()));
});

describe('background handlers', () => {
  it.each([
    ['a successful pull', null],
    ['a failed pull', 'the server could not be reached'],
  ])('syncNow answers %s', async (_name, error) => {
    syncError = error;
    expect(await ask({ type: 'syncNow' })).toEqual({ error });
  });

  it('lookup answers the rows of the asked addresses only', async () => {
    await importAddresses(['jan@example.com', 'piet@example.com'], now);
    const reply = await ask({ type: 'lookup', addresses: ['JAN@example.com', 'nobody@example.com'] });
    expect(reply).toEqual({ facts: [expect.objectContaining({ address: 'jan@example.com', class: 'manual' })] });
  });

  it('recordSent feeds frequentDomains', async () => {
    expect(await ask({ type: 'recordSent', domains: ['acme.nl', 'example.com'] })).toEqual({ ok: true });
    expect(await ask({ type: 'recordSent', domains: ['acme.nl'] })).toEqual({ ok: true });
    expect(await ask({ type: 'frequentDomains' })).toEqual({
      domains: [
        ['acme.nl', 2],
        ['example.com', 1],
      ],
    });
  });

  it('diagnostic counts the event in storage', async () => {
    await Promise.all([
      ask({ type: 'diagnostic', event: 'guard-error' }),
      ask({ type: 'diagnostic', event: 'guard-error', detail: 'TypeError' }),
    ]);
    expect((await diagnosticsItem.getValue())['guard-error']).toEqual({
      count: 2,
      lastAt: now,
      lastDetail: 'TypeError',
    });
  });
});

import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  bounceGuardDb,
  deleteSuppressions,
  frequentDomains,
  getSyncState,
  importAddresses,
  localEntries,
  lookupAddresses,
  putSuppressions,
  recentBounces,
  recordSentDomains,
  removeLocalEntry,
  setSyncState,
  suppressionTransaction,
} from '@/lib/db';
import { z } from 'zod';
import { suppressionRow } from './fixtures/rows';

const DAY = 86_400_000;
const now = 1_700_000_000_000;

async function allAddresses(): Promise<string[]> {
  return (await bounceGuardDb().suppressions.toCollection().primaryKeys()).sort();
}

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all(bounceGuardDb().tables.map((table) => table.clear()));
});

describe('lookupAddresses', () => {
  beforeEach(() => putSuppressions([suppressionRow({ address: 'jan@example.com' })]));

  it.each([
    ['the stored spelling', 'jan@example.com', 1],
    ['upper case', 'JAN@Example.COM', 1],
    ['a display name', 'Jan Smit <jan@example.com>', 1],
    ['surrounding spaces', '  jan@example.com ', 1],
    ['another address', 'piet@example.com', 0],
  ])('finds %s', async (_, address, found) => {
    expect(await lookupAddresses([address])).toHaveLength(found);
  });

  it('returns each row once for repeated addresses', async () => {
    expect(await lookupAddresses(['jan@example.com', 'JAN@example.com'])).toHaveLength(1);
  });

  it('skips a row that does not match the schema', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await bounceGuardDb().suppressions.put({ ...suppressionRow({ address: 'bad@example.com' }), class: 'oops' } as never);
    expect(await lookupAddresses(['bad@example.com', 'jan@example.com'])).toEqual([
      suppressionRow({ address: 'jan@example.com' }),
    ]);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('recordSentDomains and frequentDomains', () => {
  it('counts one send per distinct domain and keeps the last time', async () => {
    await recordSentDomains(['example.com', 'Example.com', 'acme.nl'], now);
    await recordSentDomains(['example.com'], now + 1000);
    expect(await frequentDomains(10)).toEqual([
      { domain: 'example.com', count: 2, lastSentAt: now + 1000 },
      { domain: 'acme.nl', count: 1, lastSentAt: now },
    ]);
  });

  it('returns the most frequent first, up to the limit', async () => {
    for (const [domain, times] of [['a.com', 1], ['b.com', 3], ['c.com', 2]] as const) {
      for (let i = 0; i < times; i++) await recordSentDomains([domain], now);
    }
    expect((await frequentDomains(2)).map((row) => row.domain)).toEqual(['b.com', 'c.com']);
  });

  it('writes nothing for an empty list', async () => {
    await recordSentDomains([' ', ''], now);
    expect(await frequentDomains(10)).toEqual([]);
  });
});

describe('recentBounces', () => {
  it('lists bounces since the given time, own first, then newest first, without manual entries', async () => {
    await putSuppressions([
      suppressionRow({ address: 'old@example.com', lastBounceAt: now - 20 * DAY }),
      suppressionRow({ address: 'other-new@example.com', lastBounceAt: now - DAY }),
      suppressionRow({ address: 'other-older@example.com', lastBounceAt: now - 2 * DAY }),
      suppressionRow({ address: 'mine@example.com', lastBounceAt: now - 3 * DAY, own: true }),
    ]);
    await importAddresses(['manual@example.com'], now);
    expect((await recentBounces(now - 14 * DAY)).map((row) => row.address)).toEqual([
      'mine@example.com',
      'other-new@example.com',
      'other-older@example.com',
    ]);
  });
});

describe('putSuppressions and deleteSuppressions', () => {
  it('stores rows under their normalized address', async () => {
    await putSuppressions([suppressionRow({ address: 'Jan@Example.com' })]);
    expect(await allAddresses()).toEqual(['jan@example.com']);
  });

  it('fills `own` when the feed leaves it out', async () => {
    const { own: _, ...withoutOwn } = suppressionRow();
    await putSuppressions([withoutOwn]);
    expect((await lookupAddresses(['jan@example.com']))[0]?.own).toBe(false);
  });

  it.each([
    ['an unknown class', { class: 'bogus' }],
    ['a negative count', { bounceCount: -1 }],
    ['a missing reason', { reason: undefined }],
    ['an address of two characters', { address: 'ab' }],
  ])('rejects the whole batch when one row has %s', async (_, broken) => {
    const rows = [suppressionRow({ address: 'good@example.com' }), { ...suppressionRow(), ...broken }];
    await expect(putSuppressions(rows)).rejects.toThrow(/Suppression rows rejected/);
    expect(await allAddresses()).toEqual([]);
  });

  it('deletes by address in any spelling', async () => {
    await putSuppressions([suppressionRow({ address: 'a@example.com' }), suppressionRow({ address: 'b@example.com' })]);
    await deleteSuppressions(['A@example.com']);
    expect(await allAddresses()).toEqual(['b@example.com']);
  });
});

describe('suppressionTransaction', () => {
  beforeEach(() => putSuppressions([suppressionRow({ address: 'kept@example.com' })]));

  it('applies puts, deletes and sync state together', async () => {
    await suppressionTransaction(async () => {
      await putSuppressions([suppressionRow({ address: 'new@example.com', seq: 2 })]);
      await deleteSuppressions(['kept@example.com']);
      await setSyncState('cursor', 2);
    });
    expect(await allAddresses()).toEqual(['new@example.com']);
    expect(await getSyncState('cursor', z.number())).toBe(2);
  });

  it.each([
    ['the work throws after writing', [suppressionRow({ address: 'new@example.com' })], true],
    ['a row is invalid', [suppressionRow({ address: 'new@example.com' }), { address: 'x' }], false],
  ])('changes nothing when %s', async (_, rows, throwAtEnd) => {
    await expect(
      suppressionTransaction(async () => {
        await deleteSuppressions(['kept@example.com']);
        await setSyncState('cursor', 99);
        await putSuppressions(rows);
        if (throwAtEnd) throw new Error('network went away');
      }),
    ).rejects.toThrow();
    expect(await allAddresses()).toEqual(['kept@example.com']);
    expect(await getSyncState('cursor', z.number())).toBeUndefined();
  });
});

describe('getSyncState', () => {
  it('returns undefined for a value that does not match the reader schema', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await setSyncState('cursor', 'not a number');
    expect(await getSyncState('cursor', z.number())).toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('importAddresses', () => {
  it('adds manual rows the user owns', async () => {
    expect(await importAddresses(['Jan@Example.com', 'jan@example.com', 'piet@acme.nl'], now)).toEqual({
      added: 2,
      alreadyListed: 0,
    });
    expect(await lookupAddresses(['jan@example.com'])).toEqual([
      {
        address: 'jan@example.com',
        class: 'manual',
        reason: 'manual',
        status: null,
        diagnostic: null,
        source: 'import',
        bounceCount: 0,
        firstBounceAt: now,
        lastBounceAt: now,
        suppressed: true,
        own: true,
        seq: 0,
      },
    ]);
  });

  it('stores an international domain the way the checks look it up', async () => {
    await importAddresses(['Jan@Bücher.de'], now);
    expect(await allAddresses()).toEqual(['jan@xn--bcher-kva.de']);
    expect(await lookupAddresses(['jan@BÜCHER.de'])).toHaveLength(1);
  });

  it('keeps a row that is already listed instead of overwriting it', async () => {
    await putSuppressions([suppressionRow({ address: 'jan@example.com' })]);
    expect(await importAddresses(['jan@example.com', 'new@example.com'], now)).toEqual({ added: 1, alreadyListed: 1 });
    expect((await lookupAddresses(['jan@example.com']))[0]?.class).toBe('hard');
  });

  it('adds nothing when one entry is not an address', async () => {
    await expect(importAddresses(['ok@example.com', 'not an address'], now)).rejects.toThrow(/Addresses rejected/);
    expect(await allAddresses()).toEqual([]);
  });
});

describe('localEntries and removeLocalEntry', () => {
  beforeEach(async () => {
    await putSuppressions([suppressionRow({ address: 'server@example.com' })]);
    await importAddresses(['b@example.com', 'a@example.com'], now);
  });

  it('lists only what the user added here, by address', async () => {
    expect((await localEntries()).map((row) => row.address)).toEqual(['a@example.com', 'b@example.com']);
  });

  it('removes a local entry but never a row from the server', async () => {
    expect(await removeLocalEntry('A@example.com')).toBe(true);
    expect(await removeLocalEntry('server@example.com')).toBe(false);
    expect(await allAddresses()).toEqual(['b@example.com', 'server@example.com']);
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  defaultSettings,
  diagnosticsItem,
  domainName,
  emptyDiagnostics,
  loadSettings,
  notificationItem,
  recordDiagnostic,
  serverUrlItem,
  serverUrlSchema,
  settingsItem,
  tokenItem,
  tokenSchema,
  watchSettings,
  type ValidatedItem,
} from '@/lib/settings';

beforeEach(() => {
  fakeBrowser.reset();
});

/** What lib/settings would find in browser.storage.local, written as an older or broken version might have. */
function storeRaw(key: string, value: unknown): Promise<void> {
  return fakeBrowser.storage.local.set({ [key]: value });
}

describe('fallbacks when nothing is stored', () => {
  it.each<[string, ValidatedItem<unknown>, unknown]>([
    ['settings', settingsItem, { checks: { bounced: true, malformed: true, typo: true, shortlink: true }, trustedDomains: [], extraShorteners: [], shareSentLog: true }],
    ['serverUrl', serverUrlItem, null],
    ['token', tokenItem, null],
    ['notifications', notificationItem, 'in_app'],
    ['diagnostics', diagnosticsItem, emptyDiagnostics],
  ])('%s', async (_, item, expected) => {
    expect(await item.getValue()).toEqual(expected);
  });
});

describe('reading what is stored', () => {
  it('fills fields an older version did not store', async () => {
    await storeRaw('settings', { checks: { typo: false }, trustedDomains: ['acme.nl'] });
    expect(await loadSettings()).toEqual({
      checks: { bounced: true, malformed: true, typo: false, shortlink: true },
      trustedDomains: ['acme.nl'],
      extraShorteners: [],
      shareSentLog: true,
    });
  });

  it.each<[string, string, unknown, ValidatedItem<unknown>]>([
    ['settings that are not an object', 'settings', 'yes', settingsItem],
    ['a check that is not a boolean', 'settings', { checks: { typo: 'off' } }, settingsItem],
    ['a trusted domain that is not a domain', 'settings', { trustedDomains: ['not a domain'] }, settingsItem],
    ['a plain-http server elsewhere', 'serverUrl', 'http://bounce.example.com', serverUrlItem],
    ['a token with spaces', 'token', 'two words', tokenItem],
    ['an unknown notification choice', 'notifications', 'pigeon', notificationItem],
    ['a negative diagnostic count', 'diagnostics', { 'check-error': { count: -1, lastAt: null, lastDetail: null } }, diagnosticsItem],
  ])('falls back on %s', async (_, key, raw, item) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await storeRaw(key, raw);
    expect(await item.getValue()).toEqual(item.fallback);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('keeps stored diagnostic counts when an event was added since', async () => {
    const { 'fix-failed': _, ...older } = { ...emptyDiagnostics, 'check-error': { count: 4, lastAt: 5, lastDetail: 'x' } };
    await storeRaw('diagnostics', older);
    const diagnostics = await diagnosticsItem.getValue();
    expect(diagnostics['check-error'].count).toBe(4);
    expect(diagnostics['fix-failed'].count).toBe(0);
  });
});

describe('writing', () => {
  it('stores valid settings, trimmed and lower-cased', async () => {
    await settingsItem.setValue({ ...defaultSettings, trustedDomains: [' Acme.NL '] });
    expect((await loadSettings()).trustedDomains).toEqual(['acme.nl']);
  });

  it('throws and stores nothing for an invalid value', async () => {
    await expect(settingsItem.setValue({ ...defaultSettings, extraShorteners: ['http://x'] })).rejects.toThrow();
    await expect(serverUrlItem.setValue('ftp://example.com')).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('removes the server URL when set to null', async () => {
    await serverUrlItem.setValue('https://bounce.example.com');
    await serverUrlItem.setValue(null);
    expect(await serverUrlItem.getValue()).toBeNull();
  });
});

describe('watchSettings', () => {
  it('calls back with validated settings on every change, until unwatched', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const seen = vi.fn();
    const unwatch = watchSettings(seen);
    await settingsItem.setValue({ ...defaultSettings, checks: { ...defaultSettings.checks, shortlink: false } });
    await storeRaw('settings', 42);
    unwatch();
    await settingsItem.setValue(defaultSettings);
    expect(seen.mock.calls).toEqual([
      [{ ...defaultSettings, checks: { ...defaultSettings.checks, shortlink: false } }],
      [defaultSettings],
    ]);
  });
});

describe('recordDiagnostic', () => {
  it('counts concurrent events without losing any', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => recordDiagnostic('lookup-pending', 1000 + i)));
    await recordDiagnostic('check-error', 5000, 'TypeError: x is undefined');
    const diagnostics = await diagnosticsItem.getValue();
    expect(diagnostics['lookup-pending']).toEqual({ count: 25, lastAt: 1024, lastDetail: null });
    expect(diagnostics['check-error']).toEqual({ count: 1, lastAt: 5000, lastDetail: 'TypeError: x is undefined' });
    expect(diagnostics['selector-miss'].count).toBe(0);
  });
});

describe('input schemas', () => {
  it.each([
    ['https://bounce.example.com', true],
    ['https://bounce.example.com:8443/api/', true],
    ['  https://bounce.example.com  ', true],
    ['http://localhost:8787', true],
    ['http://127.0.0.1:8787', true],
    ['http://bounce.example.com', false],
    ['ftp://bounce.example.com', false],
    ['bounce.example.com', false],
    ['https://user:secret@bounce.example.com', false],
    ['', false],
  ])('server URL %j valid: %s', (url, valid) => {
    expect(serverUrlSchema.safeParse(url).success).toBe(valid);
  });

  it.each([
    ['bg_live_0123456789abcdef', true],
    ['  bg_live_0123456789abcdef\n', true],
    ['', false],
    ['two words', false],
    ['x'.repeat(513), false],
  ])('token %j valid: %s', (token, valid) => {
    expect(tokenSchema.safeParse(token).success).toBe(valid);
  });

  it.each([
    ['acme.nl', 'acme.nl'],
    [' Mail.Example.COM ', 'mail.example.com'],
    ['bit.ly', 'bit.ly'],
    ['Bücher.de', 'xn--bcher-kva.de'],
    ['acme.nl.', 'acme.nl'],
    ['localhost', null],
    ['not a domain', null],
    ['https://acme.nl', null],
    ['-acme.nl', null],
  ])('domain %j → %j', (input, output) => {
    const parsed = domainName.safeParse(input);
    expect(parsed.success ? parsed.data : null).toBe(output);
  });
});

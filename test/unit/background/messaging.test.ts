import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { handleMessage, isTrustedSender, registerHandlers, sendRequest, type Handlers } from '@/lib/messaging';
import { extensionPageSender, gmailSender } from './senders';

const fact = {
  address: 'jan@example.com',
  class: 'hard',
  reason: 'userunknown',
  status: '5.1.1',
  diagnostic: null,
  source: 'ses',
  bounceCount: 1,
  firstBounceAt: 1,
  lastBounceAt: 2,
  suppressed: true,
  own: false,
  seq: 3,
} as const;

function stubHandlers(): Handlers {
  return {
    lookup: vi.fn(async () => ({ facts: [fact] })),
    frequentDomains: vi.fn(async () => ({ domains: [['example.com', 2] as [string, number]] })),
    recordSent: vi.fn(async () => ({ ok: true as const })),
    diagnostic: vi.fn(async () => ({ ok: true as const })),
    syncNow: vi.fn(async () => ({ error: null })),
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('isTrustedSender', () => {
  it.each<[string, Browser.runtime.MessageSender, boolean]>([
    ['our content script on Gmail', gmailSender(), true],
    ['our popup', extensionPageSender(), true],
    ['our options page in a tab', extensionPageSender({ url: fakeBrowser.runtime.getURL('/options.html'), tab: {} as Browser.tabs.Tab }), true],
    ['another extension', gmailSender({ id: 'someone-else' }), false],
    ['a sender without id', gmailSender({ id: undefined }), false],
    ['a sender without url', gmailSender({ url: undefined }), false],
    ['Gmail without a tab', gmailSender({ tab: undefined }), false],
    ['Gmail over http', gmailSender({ url: 'http://mail.google.com/mail/u/0/' }), false],
    ['a look-alike host', gmailSender({ url: 'https://mail.google.com.evil.example/' }), false],
    ['another Google page', gmailSender({ url: 'https://docs.google.com/document/d/1' }), false],
    ['another extension page origin', extensionPageSender({ url: 'chrome-extension://other-id/popup.html' }), false],
    ['an origin extending our id', extensionPageSender({ url: 'chrome-extension://test-extension-id.evil/x.html' }), false],
  ])('%s → %s', (_, sender, trusted) => {
    expect(isTrustedSender(sender)).toBe(trusted);
  });
});

describe('handleMessage', () => {
  it.each<[string, unknown]>([
    ['no message', undefined],
    ['a string', 'lookup'],
    ['an unknown type', { type: 'unbounce', address: 'a@b.c' }],
    ['a lookup without addresses', { type: 'lookup' }],
    ['a lookup with a number', { type: 'lookup', addresses: [42] }],
    ['a lookup of too many addresses', { type: 'lookup', addresses: Array.from({ length: 2001 }, () => 'a@b.c') }],
    ['an address longer than any address', { type: 'lookup', addresses: ['a'.repeat(321)] }],
    ['an empty domain', { type: 'recordSent', domains: [''] }],
    ['an unknown diagnostic event', { type: 'diagnostic', event: 'oops' }],
    ['a long diagnostic detail', { type: 'diagnostic', event: 'check-error', detail: 'x'.repeat(201) }],
  ])('replies {error} to %s and calls no handler', async (_, message) => {
    const handlers = stubHandlers();
    const reply = await handleMessage(handlers, message, gmailSender());
    expect(reply).toEqual({ error: expect.stringMatching(/^invalid request/) });
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an unknown sender before reading the message', async () => {
    const handlers = stubHandlers();
    const reply = await handleMessage(handlers, { type: 'lookup', addresses: [] }, gmailSender({ id: 'evil' }));
    expect(reply).toEqual({ error: 'sender not allowed' });
    expect(handlers.lookup).not.toHaveBeenCalled();
  });

  it('passes a valid request to its handler', async () => {
    const handlers = stubHandlers();
    const reply = await handleMessage(handlers, { type: 'lookup', addresses: ['jan@example.com'] }, gmailSender());
    expect(reply).toEqual({ facts: [fact] });
    expect(handlers.lookup).toHaveBeenCalledWith({ type: 'lookup', addresses: ['jan@example.com'] });
  });

  it('turns a handler failure into {error}', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const handlers = { ...stubHandlers(), frequentDomains: async () => Promise.reject(new Error('disk full')) };
    expect(await handleMessage(handlers, { type: 'frequentDomains' }, extensionPageSender())).toEqual({
      error: 'frequentDomains failed: disk full',
    });
  });
});

/** Browsers call onMessage listeners with sendResponse too; the fake's types leave it out. */
const deliver = fakeBrowser.runtime.onMessage.trigger as (
  message: unknown,
  sender: Browser.runtime.MessageSender,
  sendResponse: (response: unknown) => void,
) => Promise<unknown[]>;

describe('registerHandlers', () => {
  it('answers through sendResponse and returns true to keep the channel open (Chrome)', async () => {
    registerHandlers(stubHandlers());
    let sendResponse: (response: unknown) => void = () => {};
    const reply = new Promise((resolve) => (sendResponse = resolve));
    const returned = await deliver({ type: 'recordSent', domains: ['a.com'] }, gmailSender(), sendResponse);
    expect(await reply).toEqual({ ok: true });
    expect(returned).toEqual([true]);
  });

  it('stops answering once unregistered', async () => {
    const unregister = registerHandlers(stubHandlers());
    unregister();
    expect(await deliver({ type: 'frequentDomains' }, gmailSender(), () => {})).toEqual([]);
  });
});

describe('sendRequest', () => {
  /** Routes sendMessage to the registered background listener, as the browser does, from `sender`. */
  function connect(handlers: Handlers, sender = gmailSender()) {
    registerHandlers(handlers);
    return vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
      (message: unknown) =>
        new Promise((resolve) => {
          void deliver(message, sender, resolve);
        }),
    );
  }

  it('returns the validated response, defaults filled', async () => {
    const { own: _, ...withoutOwn } = fact;
    connect({ ...stubHandlers(), lookup: async () => ({ facts: [withoutOwn as typeof fact] }) });
    const response = await sendRequest({ type: 'lookup', addresses: ['jan@example.com'] });
    expect(response.facts).toEqual([{ ...fact, own: false }]);
  });

  it('throws on an invalid request without sending it', async () => {
    const send = connect(stubHandlers());
    await expect(sendRequest({ type: 'recordSent', domains: [''] })).rejects.toThrow(/invalid recordSent request/);
    expect(send).not.toHaveBeenCalled();
  });

  it('throws the background error', async () => {
    connect(stubHandlers(), gmailSender({ id: 'evil' }));
    await expect(sendRequest({ type: 'frequentDomains' })).rejects.toThrow(
      'Bounce Guard: the frequentDomains request failed: sender not allowed',
    );
  });

  it.each<[string, unknown]>([
    ['no answer', undefined],
    ['a wrong shape', { domains: [['example.com', -1]] }],
    ['true', true],
  ])('throws on a malformed reply: %s', async (_, reply) => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(reply);
    await expect(sendRequest({ type: 'frequentDomains' })).rejects.toThrow(/malformed reply to frequentDomains/);
  });

  it('throws when the background cannot be reached', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Extension context invalidated.'));
    await expect(sendRequest({ type: 'diagnostic', event: 'selector-miss' })).rejects.toThrow(
      'Bounce Guard: the background did not answer the diagnostic request',
    );
  });
});

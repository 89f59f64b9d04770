import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';

type Sender = Browser.runtime.MessageSender;

const gmailTab = { id: 7, index: 0, windowId: 1, url: 'https://mail.google.com/mail/u/0/#inbox' } as Browser.tabs.Tab;

/** Our content script in a Gmail tab, as Chrome and Firefox describe it. */
export function gmailSender(overrides: Partial<Sender> = {}): Sender {
  return { id: fakeBrowser.runtime.id, tab: gmailTab, url: 'https://mail.google.com/mail/u/0/#inbox', ...overrides };
}

/** Our popup (no tab) or options page. */
export function extensionPageSender(overrides: Partial<Sender> = {}): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html'), ...overrides };
}

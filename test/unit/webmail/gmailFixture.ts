import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test helpers for the Gmail fixture pages in happy-dom (the e2e tier opens the same pages in browsers). */

export const gmailFixtureDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/gmail');

export const GMAIL_PAGES = ['popup', 'multi', 'fullscreen', 'reply', 'popout', 'restored', 'german', 'legacy'] as const;
export type GmailPage = (typeof GMAIL_PAGES)[number];

export function fixtureHtml(name: string): string {
  return readFileSync(path.join(gmailFixtureDir, `${name}.html`), 'utf8');
}

/**
 * Makes `name`.html the current document: its <html> element replaces the old one, so nothing of the previous
 * page (nor the sim's listeners, which hang on <html>) survives. Scripts and stylesheets are dropped; run the
 * sim with `startSim` when a test needs Gmail's behaviour.
 */
export function loadFixture(name: GmailPage): void {
  // Cut them from the text: happy-dom would fetch a stylesheet as soon as the parser meets it.
  const html = fixtureHtml(name).replace(/<script\b[^>]*>[\s\S]*?<\/script>|<link\b[^>]*>/gi, '');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = document.adoptNode(parsed.documentElement);
  document.documentElement.remove(); // happy-dom's replaceChild refuses a second root even while replacing it
  document.appendChild(root);
}

/** The sim's public API (see test/fixtures/gmail/README.md). */
export interface SentRecord {
  composeId: string;
  action: 'send' | 'send-archive' | 'schedule';
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  bodyText: string;
}

export interface FixtureApi {
  sent: SentRecord[];
  composes(): HTMLElement[];
  openCompose(scenario?: Record<string, unknown>): HTMLElement;
  prefill(target: number | string | Element, scenario: Record<string, unknown>): HTMLElement;
}

type SimWindow = Window & { __fixture?: FixtureApi; happyDOM: { setURL(url: string): void } };

const simSource = readFileSync(path.join(gmailFixtureDir, 'gmail-sim.js'), 'utf8');

/** Loads `name`.html at https://mail.google.com/mail/u/0/<name><query> and runs gmail-sim.js on it. */
export function startSim(name: GmailPage, query = ''): FixtureApi {
  const win = window as unknown as SimWindow;
  win.happyDOM.setURL(`https://mail.google.com/mail/u/0/${name}${query}`);
  loadFixture(name);
  delete win.__fixture;
  (0, eval)(simSource);
  if (!win.__fixture) throw new Error('gmail-sim.js did not start');
  return win.__fixture;
}

/** The sent log as the isolated world reads it: the `data-sent` JSON of each `<li>`. */
export function sentLog(): SentRecord[] {
  return Array.from(document.querySelectorAll('#fixture-sent-log li[data-sent]'), (li) =>
    JSON.parse(li.getAttribute('data-sent') ?? 'null') as SentRecord,
  );
}

/** A keydown as a person's keyboard sends it (bubbling, cancelable). */
export function keydown(target: Element, key: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
}

/** Types `text` into an input the way the sim sees typing: value, then an input event. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.focus();
  input.value += text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

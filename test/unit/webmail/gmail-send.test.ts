// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { gmail } from '@/lib/webmail/gmail';
import { marks } from '@/lib/webmail/marks';
import type { SendAction } from '@/lib/webmail/types';
import { loadFixture, type GmailPage } from './gmailFixture';

/** Controls of a compose, by the fixture's own markup (independent of the adapter's selectors). */
const CONTROLS = {
  send: '.aoO[role="button"]',
  sendArchive: '.Uo[role="button"]',
  moreOptions: '.hG[role="button"]',
  formatting: '.a0z [role="button"]',
  discard: '.oh[role="button"]',
  body: '[g_editable="true"]',
  subject: 'input[name="subjectbox"]',
  chipRemove: '.afX, .vM',
};

/** [page, compose index, has Send + Archive] for every compose of every fixture page. */
const composes: [GmailPage, number, boolean][] = [
  ['popup', 0, false],
  ['multi', 0, false],
  ['multi', 1, false],
  ['fullscreen', 0, false],
  ['reply', 0, true],
  ['popout', 0, false],
  ['german', 0, true],
  ['german', 1, false],
  ['legacy', 0, false],
];

function composeAt(page: GmailPage, index: number): HTMLElement {
  loadFixture(page);
  return gmail.findComposes(document)[index]!;
}

describe('sendActionOf', () => {
  it.each(composes)('%s #%i', (page, index, hasSendArchive) => {
    const root = composeAt(page, index);
    const actionOf = (selector: string): SendAction | null => {
      const element = root.querySelector(selector);
      return element ? gmail.sendActionOf(element, root) : null;
    };
    expect(actionOf(CONTROLS.send)).toBe('send');
    expect(actionOf(CONTROLS.sendArchive)).toBe(hasSendArchive ? 'send-archive' : null);
    for (const other of [CONTROLS.moreOptions, CONTROLS.formatting, CONTROLS.discard, CONTROLS.body, CONTROLS.subject, CONTROLS.chipRemove]) {
      expect(actionOf(other), other).toBeNull();
    }
  });

  it('sees Send through its inner elements (icon, label)', () => {
    const root = composeAt('reply', 0);
    const icon = root.querySelector('.Uo .Uq')!;
    expect(gmail.sendActionOf(icon, root)).toBe('send-archive');
    const arrow = root.querySelector('.hG .G-asx')!;
    expect(gmail.sendActionOf(arrow, root)).toBeNull();
  });

  it('never reports a target outside the given compose', () => {
    loadFixture('multi');
    const [first, second] = gmail.findComposes(document);
    expect(gmail.sendActionOf(second!.querySelector(CONTROLS.send)!, first!)).toBeNull();
  });

  it("ignores buttons other extensions put beside Send (InboxSDK's classes)", () => {
    const root = composeAt('popup', 0);
    const added = document.createElement('div');
    added.className = 'inboxsdk__compose_sendButton T-I';
    added.setAttribute('role', 'button');
    root.querySelector('.dC')!.parentElement!.append(added);
    expect(gmail.sendActionOf(added, root)).toBeNull();
    expect(gmail.sendControl(root, 'send')).toBe(root.querySelector(CONTROLS.send));
  });

  it('marks the compose whose "More send options" was activated', () => {
    const root = composeAt('multi', 2);
    expect(root.hasAttribute(marks.sendOptionsOpened)).toBe(false);
    gmail.sendActionOf(root.querySelector(CONTROLS.moreOptions)!, root);
    expect(Number(root.getAttribute(marks.sendOptionsOpened))).toBeGreaterThan(0);
  });

  it('knows a Schedule send item rendered inside the compose', () => {
    const root = composeAt('popup', 0);
    root.querySelector('.IZ')!.insertAdjacentHTML('afterend', '<div role="menu"><div role="menuitem" selector="scheduledSend"><span>x</span></div></div>');
    expect(gmail.sendActionOf(root.querySelector('[selector="scheduledSend"] span')!, root)).toBe('schedule');
  });
});

describe('sendControl', () => {
  it.each(composes)('%s #%i', (page, index, hasSendArchive) => {
    const root = composeAt(page, index);
    expect(gmail.sendControl(root, 'send')).toBe(root.querySelector(CONTROLS.send));
    expect(gmail.sendControl(root, 'send-archive')).toBe(hasSendArchive ? root.querySelector(CONTROLS.sendArchive) : null);
  });

  it('finds Send by its class when the send bar structure changes', () => {
    const root = composeAt('popup', 0);
    const send = root.querySelector<HTMLElement>(CONTROLS.send)!;
    root.querySelector('.IZ')!.classList.remove('IZ');
    expect(gmail.sendControl(root, 'send')).toBe(send);
  });
});

describe('Schedule send from the menu at the end of <body>', () => {
  let roots: HTMLElement[];
  let item: HTMLElement;

  /** Gmail's menu: one per compose, kept in the DOM (hidden) once closed. */
  function addMenu(shown: boolean): HTMLElement {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div class="J-M" role="menu" style="${shown ? '' : 'display: none'}"><div class="J-N" role="menuitem" selector="scheduledSend"><div class="J-N-Jz">Schedule send</div></div></div>`,
    );
    return document.body.lastElementChild!.querySelector<HTMLElement>('[selector="scheduledSend"]')!;
  }

  const moreOptions = (root: HTMLElement) => root.querySelector<HTMLElement>(CONTROLS.moreOptions)!;

  beforeEach(() => {
    loadFixture('multi');
    roots = gmail.findComposes(document);
    addMenu(false); // a closed menu of an earlier compose
    item = addMenu(true);
  });

  it('belongs to the compose whose button says aria-expanded', () => {
    moreOptions(roots[1]!).setAttribute('aria-expanded', 'true');
    expect(gmail.sendActionOutside(item.firstElementChild!, document)).toEqual({ action: 'schedule', root: roots[1] });
    expect(gmail.sendControl(roots[1]!, 'schedule')).toBe(item);
  });

  it('else to the compose whose button was activated last', () => {
    gmail.sendActionOf(moreOptions(roots[2]!), roots[2]!);
    expect(gmail.sendActionOutside(item, document)?.root).toBe(roots[2]);
    gmail.sendActionOf(moreOptions(roots[0]!), roots[0]!);
    expect(gmail.sendActionOutside(item, document)?.root).toBe(roots[0]);
  });

  it('is not guessed among several composes', () => {
    expect(gmail.sendActionOutside(item, document)).toBeNull();
  });

  it('belongs to the only compose when there is one', () => {
    roots[1]!.closest('.nn')!.remove();
    roots[2]!.closest('.nn')!.remove();
    expect(gmail.sendActionOutside(item, document)).toEqual({ action: 'schedule', root: roots[0] });
  });

  it('ignores everything but the Schedule send item', () => {
    moreOptions(roots[1]!).setAttribute('aria-expanded', 'true');
    expect(gmail.sendActionOutside(document.querySelector('.J-M')!, document)).toBeNull();
    expect(gmail.sendActionOutside(document.body, document)).toBeNull();
  });

  it('re-opens a closed menu through "More send options" to reach the item again', () => {
    document.querySelectorAll('.J-M').forEach((menu) => ((menu as HTMLElement).style.display = 'none'));
    const button = moreOptions(roots[1]!);
    const activated = vi.fn();
    button.addEventListener('click', activated);
    gmail.sendActionOf(button, roots[1]!);
    expect(gmail.sendControl(roots[1]!, 'schedule')).toBeNull(); // nothing here opens menus: no Gmail
    expect(activated).toHaveBeenCalledTimes(1);
  });
});

describe('findingsAnchor', () => {
  it.each(composes)('%s #%i: right above the send bar, inside the compose', (page, index) => {
    const root = composeAt(page, index);
    const anchor = gmail.findingsAnchor(root);
    expect(anchor.position).toBe('before');
    expect(anchor.element.matches('table.IZ')).toBe(true);
    expect(root.contains(anchor.element)).toBe(true);
  });

  it('falls back to above the body, then to the end of the compose', () => {
    const root = composeAt('popup', 0);
    root.querySelector('.IZ')!.remove();
    expect(gmail.findingsAnchor(root)).toEqual({ element: root.querySelector(CONTROLS.body), position: 'before' });
    root.querySelector(CONTROLS.body)!.remove();
    expect(gmail.findingsAnchor(root)).toEqual({ element: root, position: 'append' });
  });
});

describe('no dependence on English', () => {
  const libDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../lib/webmail');

  it.each(['gmail-selectors.ts', 'gmail.ts', 'gmail-recipients.ts'])('%s matches no label, tooltip or text', (file) => {
    const source = readFileSync(path.join(libDir, file), 'utf8');
    expect(source).not.toMatch(/\[(aria-label|data-tooltip|title|alt|placeholder)[~|^$*]?=/);
    expect(source).not.toMatch(/textContent|innerText|:has-text|:contains/);
  });

  it('the German page reads like the English one', () => {
    loadFixture('german');
    const [reply, mole] = gmail.findComposes(document);
    expect(gmail.sendActionOf(reply!.querySelector(CONTROLS.send)!, reply!)).toBe('send');
    expect(gmail.sendActionOf(reply!.querySelector(CONTROLS.sendArchive)!, reply!)).toBe('send-archive');
    expect(reply!.querySelector(CONTROLS.send)!.textContent).toBe('Senden');
    expect(gmail.readDraft(mole!).recipients.map((r) => r.raw)).toEqual(['Max Muster <max@beispiel.de>', 'erika@gmial.com']);
  });
});

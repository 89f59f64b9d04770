// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { gmail } from '@/lib/webmail/gmail';
import { marks } from '@/lib/webmail/marks';
import { GMAIL_PAGES, loadFixture, type GmailPage } from './gmailFixture';

/** What each fixture page holds: its composes' keys in document order and what kind of element is the root. */
const pages: Record<GmailPage, { keys: string[]; roots: ('dialog' | 'M9')[]; containers: string[] }> = {
  popup: { keys: ['c7100001'], roots: ['dialog'], containers: ['mole row', 'main'] },
  multi: { keys: ['c7200001', 'c7200002', 'c7200003'], roots: ['dialog', 'dialog', 'dialog'], containers: ['mole row', 'main'] },
  fullscreen: { keys: ['c7300001'], roots: ['dialog'], containers: ['mole row', 'full-screen layer', 'main'] },
  reply: { keys: ['c7400001'], roots: ['M9'], containers: ['mole row', 'main'] },
  popout: { keys: ['c7500001'], roots: ['M9'], containers: ['main'] },
  restored: { keys: [], roots: [], containers: ['mole row', 'main'] },
  german: { keys: ['c7700001', 'c7700002'], roots: ['M9', 'dialog'], containers: ['mole row', 'main'] },
  legacy: { keys: ['c7800001'], roots: ['dialog'], containers: ['mole row', 'main'] },
};

const kindOf = (root: HTMLElement): string => (root.getAttribute('role') === 'dialog' ? 'dialog' : root.classList.contains('M9') ? 'M9' : 'other');

function containerName(element: Element): string {
  if (element.matches('.dw .no')) return 'mole row';
  if (element.matches('.aSt')) return 'full-screen layer';
  if (element.matches('[role="main"]')) return 'main';
  return element.outerHTML.slice(0, 60);
}

describe('findComposes on every fixture page', () => {
  it.each(GMAIL_PAGES)('%s', (page) => {
    loadFixture(page);
    const roots = gmail.findComposes(document);
    expect(roots.map((root) => gmail.composeKey(root))).toEqual(pages[page].keys);
    expect(roots.map(kindOf)).toEqual(pages[page].roots);
    // Outermost only: no root inside another, and every .M9 of the page belongs to exactly one root.
    for (const root of roots) expect(roots.filter((other) => other !== root && other.contains(root))).toEqual([]);
    for (const m9 of document.querySelectorAll('.M9')) expect(roots.filter((root) => root.contains(m9))).toHaveLength(1);
  });

  it.each(GMAIL_PAGES)('%s: observed containers', (page) => {
    loadFixture(page);
    const containers = gmail.composeContainers(document);
    expect(containers.map(containerName)).toEqual(pages[page].containers);
    expect(containers).not.toContain(document.body);
    for (const root of gmail.findComposes(document)) expect(containers.some((c) => c.contains(root))).toBe(true);
  });
});

describe('findComposes on an element just added', () => {
  beforeEach(() => loadFixture('multi'));

  it('given a mole column, returns its dialog', () => {
    const column = document.querySelector('.dw .no')!.children[1]!;
    expect(gmail.findComposes(column).map((root) => gmail.composeKey(root))).toEqual(['c7200002']);
  });

  it.each(['.M9', '.aoI[role="region"]'])('given the %s inside a mole, returns the mole dialog, not itself', (selector) => {
    const inner = document.querySelectorAll<HTMLElement>(selector)[2]!;
    const roots = gmail.findComposes(inner);
    expect(roots).toHaveLength(1);
    expect(roots[0]!.getAttribute('role')).toBe('dialog');
    expect(gmail.composeKey(roots[0]!)).toBe('c7200003');
  });

  it('given something inside a compose, finds no compose under it', () => {
    expect(gmail.findComposes(document.querySelector('[g_editable="true"]')!)).toEqual([]);
  });

  it("ignores Gmail's other dialogs (schedule picker, insert link)", () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div role="dialog" id="picker"><form><input name="date"></form></div><div role="dialog" id="plain"><p>Pick a time</p></div>',
    );
    expect(gmail.findComposes(document)).toHaveLength(3);
    expect(gmail.findComposes(document.getElementById('picker')!)).toEqual([]);
  });
});

describe('restored composes', () => {
  it('appear when Gmail inserts them after load, with their draft', () => {
    loadFixture('restored');
    expect(gmail.findComposes(document)).toEqual([]); // template content is not part of the page
    const template = document.getElementById('fixture-restored-compose') as HTMLTemplateElement;
    const column = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    document.querySelector('.dw .no')!.append(column);
    const roots = gmail.findComposes(column);
    expect(roots.map((root) => gmail.composeKey(root))).toEqual(['c7600001']);
    expect(gmail.findComposes(document)).toEqual(roots);
    expect(gmail.readDraft(roots[0]!).recipients.map((r) => r.raw)).toEqual(['Billing <billing@example.com>', 'ap@exmaple.com']);
  });
});

describe('composeKey', () => {
  let root: HTMLElement;
  beforeEach(() => {
    loadFixture('multi');
    root = gmail.findComposes(document)[0]!;
  });

  it('prefers the compose id', () => {
    expect(gmail.composeKey(root)).toBe('c7200001');
  });

  it('falls back to the draft id without a compose id', () => {
    root.querySelector('input[name="composeid"]')!.remove();
    expect(gmail.composeKey(root)).toBe('#msg-a:r-7200000000000000001');
  });

  it('uses data-compose-id of newer regions', () => {
    root.querySelector('input[name="composeid"]')!.remove();
    root.querySelector('.aoI')!.setAttribute('data-compose-id', 'region-42');
    expect(gmail.composeKey(root)).toBe('region-42');
  });

  it('generates a key, stores it on the root and keeps it when the draft is saved later', () => {
    const fresh = gmail.findComposes(document)[2]!; // new compose: draft "undefined"
    fresh.querySelector('input[name="composeid"]')!.remove();
    const key = gmail.composeKey(fresh);
    expect(key).toMatch(/^bounce-guard-\d+$/);
    expect(fresh.getAttribute(marks.composeKey)).toBe(key);
    (fresh.querySelector('input[name="draft"]') as HTMLInputElement).value = '#msg-a:r-1';
    expect(gmail.composeKey(fresh)).toBe(key);
    const other = gmail.findComposes(document)[1]!;
    other.querySelector('input[name="composeid"]')!.remove();
    other.querySelector('input[name="draft"]')!.remove();
    expect(gmail.composeKey(other)).not.toBe(key);
  });
});

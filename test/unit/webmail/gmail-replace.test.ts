// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gmail } from '@/lib/webmail/gmail';
import { loadFixture, startSim } from './gmailFixture';

/** replaceRecipient (the one-click fix) against gmail-sim.js, which plays Gmail's PeopleKit and legacy UIs. */

const root = (index = 0): HTMLElement => gmail.findComposes(document)[index]!;
const raws = (compose: HTMLElement) => gmail.readDraft(compose).recipients.map((r) => `${r.field}:${r.source}:${r.raw}`);
const typingBox = (compose: HTMLElement, field = 'to') =>
  compose.querySelector<HTMLInputElement>(`div[name="${field}"] input[peoplekit-id], textarea.vO[name="${field}"]`)!;

afterEach(() => vi.unstubAllGlobals());

describe('replaceRecipient on a chip', () => {
  it('adds the fixed address through the typing box, then removes the old chip with its ×', () => {
    startSim('popup', '?to=a@x.com,Jan Novák <jan@gmial.com>,b@x.com');
    const compose = root();
    const paste = vi.fn();
    typingBox(compose).addEventListener('paste', paste);
    expect(gmail.replaceRecipient(compose, 'to', 'Jan Novák <jan@gmial.com>', 'Jan Novák <jan@gmail.com>')).toBe(true);
    expect(paste).toHaveBeenCalledTimes(1); // InboxSDK's way: a paste Gmail parses itself
    expect(raws(compose)).toEqual(['to:chip:a@x.com', 'to:chip:b@x.com', 'to:chip:Jan Novák <jan@gmail.com>']);
  });

  it('finds the chip by its address when the raw text differs', () => {
    startSim('popup', '?to=Jan Novák <jan@gmial.com>');
    expect(gmail.replaceRecipient(root(), 'to', 'JAN@GMIAL.COM', 'jan@gmail.com')).toBe(true);
    expect(raws(root())).toEqual(['to:chip:jan@gmail.com']);
  });

  it('keeps what the person was still typing', () => {
    startSim('popup', '?to=jan@gmial.com&pendingTo=eva@exa');
    expect(gmail.replaceRecipient(root(), 'to', 'jan@gmial.com', 'jan@gmail.com')).toBe(true);
    expect(raws(root())).toEqual(['to:chip:jan@gmail.com', 'to:pending:eva@exa']);
  });

  it('only removes the old chip when the fixed address is already there', () => {
    startSim('popup', '?to=jan@gmail.com,jan@gmial.com');
    expect(gmail.replaceRecipient(root(), 'to', 'jan@gmial.com', 'jan@gmail.com')).toBe(true);
    expect(raws(root())).toEqual(['to:chip:jan@gmail.com']);
  });

  it('works in Cc and Bcc, and leaves the other fields alone', () => {
    startSim('fullscreen', '?cc=eva@example.org&bcc=archive@exmaple.com');
    const compose = root();
    expect(gmail.replaceRecipient(compose, 'bcc', 'archive@exmaple.com', 'archive@example.com')).toBe(true);
    expect(raws(compose)).toEqual([
      'to:chip:Anna Berg <anna@example.com>',
      'to:chip:board@example.com',
      'cc:chip:eva@example.org',
      'bcc:chip:archive@example.com',
    ]);
  });

  it('opens the folded recipients of an inline reply first, as InboxSDK does', () => {
    startSim('reply');
    const compose = root();
    expect(compose.querySelector<HTMLElement>('.fX')!.style.display).toBe('none');
    expect(gmail.replaceRecipient(compose, 'cc', 'office@firma.de', 'office@firma.com')).toBe(true);
    expect(compose.querySelector<HTMLElement>('.fX')!.style.display).toBe('');
    expect(raws(compose)).toEqual(['to:chip:Jan Novák <jan@firma.de>', 'cc:chip:office@firma.com']);
  });

  it('types the address and presses Enter where pasting is not possible', () => {
    const fixture = startSim('popup');
    fixture.prefill(0, { to: ['"Novák, Jan" <jan@gmial.com>'] });
    expect(raws(root())).toEqual(['to:chip:"Novák, Jan" <jan@gmial.com>']);
    vi.stubGlobal('DataTransfer', function unsupported() {
      throw new Error('no DataTransfer here');
    });
    expect(gmail.replaceRecipient(root(), 'to', '"Novák, Jan" <jan@gmial.com>', '"Novák, Jan" <jan@gmail.com>')).toBe(true);
    expect(raws(root())).toEqual(['to:chip:"Novák, Jan" <jan@gmail.com>']);
  });

  it('types the address in the legacy UI (its textarea does not parse pastes) and removes the chip with .vM', () => {
    startSim('legacy');
    const compose = root();
    expect(gmail.replaceRecipient(compose, 'to', 'Jan Novák <jan@firma.de>', 'Jan Novák <jan@firma.cz>')).toBe(true);
    expect(raws(compose)).toEqual([
      'to:chip:eva@example.org',
      'to:chip:Jan Novák <jan@firma.cz>',
      'to:pending:pat@hotmial.com',
      'cc:chip:Petr Svoboda <petr@example.cz>',
    ]);
  });

  it('then sends to the fixed address', () => {
    const fixture = startSim('german');
    const mole = root(1);
    expect(gmail.replaceRecipient(mole, 'to', 'max@beispiel.de', 'max@beispiel.com')).toBe(true);
    mole.querySelector<HTMLElement>('.aoO')!.click();
    expect(fixture.sent.at(-1)).toMatchObject({ composeId: 'c7700002', to: ['max@beispiel.com', 'erika@gmial.com'] });
  });
});

describe('replaceRecipient on typing-box text', () => {
  it('rewrites the text in place', () => {
    startSim('popout');
    const compose = root();
    expect(gmail.replaceRecipient(compose, 'to', 'tom@examlpe.com', 'tom@example.com')).toBe(true);
    expect(raws(compose)).toEqual(['to:chip:Lena Roth <lena@example.net>', 'to:pending:tom@example.com']);
  });

  it('rewrites the legacy textarea too', () => {
    startSim('legacy');
    expect(gmail.replaceRecipient(root(), 'to', 'pat@hotmial.com', 'pat@hotmail.com')).toBe(true);
    expect(raws(root())).toContain('to:pending:pat@hotmail.com');
  });
});

describe('replaceRecipient refuses what it cannot do, and changes nothing then', () => {
  it.each([
    ['an unknown recipient', 'to', 'nobody@x.com'],
    ['a recipient of another field', 'cc', 'Lena Roth <lena@example.net>'],
    ['empty text', 'to', ''],
  ] as const)('%s', (_, field, from) => {
    startSim('popout');
    const before = raws(root());
    expect(gmail.replaceRecipient(root(), field, from, 'x@example.com')).toBe(false);
    expect(raws(root())).toEqual(before);
  });

  it('a chip whose typing box is gone', () => {
    loadFixture('multi');
    const compose = root(0);
    compose.querySelector('div[name="to"] input[peoplekit-id]')!.remove();
    expect(gmail.replaceRecipient(compose, 'to', 'Jan Novák <jan@firma.de>', 'jan@firma.com')).toBe(false);
    expect(raws(compose)).toEqual(['to:chip:Jan Novák <jan@firma.de>']);
  });

  it('a compose that is not one', () => {
    expect(gmail.replaceRecipient(document.createElement('div'), 'to', 'a@b.c', 'a@b.com')).toBe(false);
  });
});

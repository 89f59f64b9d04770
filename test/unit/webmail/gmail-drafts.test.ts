// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Draft } from '@/lib/checks/types';
import { blockText } from '@/lib/webmail/dom';
import { gmail } from '@/lib/webmail/gmail';
import { formatRecipient } from '@/lib/webmail/gmail-recipients';
import { loadFixture, type GmailPage } from './gmailFixture';

const chip = (field: 'to' | 'cc' | 'bcc', raw: string) => ({ field, raw, source: 'chip' as const });
const pending = (field: 'to' | 'cc' | 'bcc', raw: string) => ({ field, raw, source: 'pending' as const });

/** Every compose of every fixture page, read as the checks see it. */
const drafts: [GmailPage, number, Draft][] = [
  ['popup', 0, { composeId: 'c7100001', recipients: [], subject: '', bodyText: '', links: [] }],
  [
    'multi',
    0,
    {
      composeId: 'c7200001',
      recipients: [chip('to', 'Jan Novák <jan@firma.de>')],
      subject: 'Angebot 2026',
      bodyText: 'Hallo Jan,\n\nanbei das Angebot: angebot-2026.pdf\nViele Grüße',
      links: ['https://firma.de/angebot-2026.pdf'],
    },
  ],
  [
    'multi', // minimized: the chips stay in the DOM
    1,
    {
      composeId: 'c7200002',
      recipients: [chip('to', 'Eva Lind <eva@example.org>'), chip('cc', 'petr@example.cz')],
      subject: 'Minutes of Monday',
      bodyText: 'Hi Eva, notes below.',
      links: [],
    },
  ],
  ['multi', 2, { composeId: 'c7200003', recipients: [], subject: '', bodyText: '', links: [] }],
  [
    'fullscreen',
    0,
    {
      composeId: 'c7300001',
      recipients: [chip('to', 'Anna Berg <anna@example.com>'), chip('to', 'board@example.com'), chip('bcc', 'archive@example.com')],
      subject: 'Quarterly report',
      bodyText: 'Hello all,\nthe report is here: https://bit.ly/3q-report\n\nBest, Kim',
      links: ['https://bit.ly/3q-report'],
    },
  ],
  [
    'reply', // recipients folded into the summary line (section display:none), subject only in the hidden input
    0,
    {
      composeId: 'c7400001',
      recipients: [chip('to', 'Jan Novák <jan@firma.de>'), chip('cc', 'office@firma.de')],
      subject: 'Re: Angebot 2026',
      bodyText: 'Danke Jan, passt so.\nDetails: hier',
      links: ['https://tinyurl.com/angebot-details'],
    },
  ],
  [
    'popout',
    0,
    {
      composeId: 'c7500001',
      recipients: [chip('to', 'Lena Roth <lena@example.net>'), pending('to', 'tom@examlpe.com')],
      subject: 'Travel plans',
      bodyText: 'Hi Lena, Tom, see you in May.',
      links: [],
    },
  ],
  [
    'german',
    0,
    {
      composeId: 'c7700001',
      recipients: [chip('to', 'Buchhaltung <buchhaltung@firma.de>')],
      subject: 'AW: Rechnung März',
      bodyText: 'Vielen Dank, ist angekommen.',
      links: [],
    },
  ],
  [
    'german',
    1,
    {
      composeId: 'c7700002',
      recipients: [chip('to', 'Max Muster <max@beispiel.de>'), pending('to', 'erika@gmial.com')],
      subject: 'Termin',
      bodyText: 'Hallo Max, hallo Erika,\npasst euch Dienstag?',
      links: [],
    },
  ],
  [
    'legacy',
    0,
    {
      composeId: 'c7800001',
      recipients: [
        chip('to', 'Jan Novák <jan@firma.de>'),
        chip('to', 'eva@example.org'),
        pending('to', 'pat@hotmial.com'),
        chip('cc', 'Petr Svoboda <petr@example.cz>'),
      ],
      subject: 'Old UI',
      bodyText: 'Legacy recipients: textarea.vO and .vR chips.',
      links: [],
    },
  ],
];

describe('readDraft on every fixture compose', () => {
  it.each(drafts)('%s #%i', (page, index, expected) => {
    loadFixture(page);
    const root = gmail.findComposes(document)[index]!;
    expect(gmail.readDraft(root)).toEqual(expected);
  });
});

describe('readDraft details', () => {
  it('reads text still in the typing box of every field, as typed, and skips blank boxes', () => {
    loadFixture('fullscreen');
    const root = gmail.findComposes(document)[0]!;
    const box = (field: string) => root.querySelector<HTMLInputElement>(`div[name="${field}"] input[peoplekit-id]`)!;
    box('to').value = ' kim@example.com, "Lee, Ann" <ann@exmple.com>';
    box('bcc').value = '   ';
    expect(gmail.readDraft(root).recipients).toEqual([
      chip('to', 'Anna Berg <anna@example.com>'),
      chip('to', 'board@example.com'),
      pending('to', ' kim@example.com, "Lee, Ann" <ann@exmple.com>'),
      chip('bcc', 'archive@example.com'),
    ]);
  });

  it('quotes display names that would otherwise split or confuse the address', () => {
    loadFixture('multi');
    const root = gmail.findComposes(document)[0]!;
    root.querySelector('[data-hovercard-id]')!.setAttribute('data-name', 'Novák, Jan');
    expect(gmail.readDraft(root).recipients).toEqual([chip('to', '"Novák, Jan" <jan@firma.de>')]);
  });

  it('skips chips without an address', () => {
    loadFixture('multi');
    const root = gmail.findComposes(document)[0]!;
    root.querySelector('[data-hovercard-id]')!.setAttribute('data-hovercard-id', ' ');
    expect(gmail.readDraft(root).recipients).toEqual([]);
  });

  it('reads chips by their older markup when role=option is gone', () => {
    loadFixture('multi');
    const root = gmail.findComposes(document)[1]!;
    root.querySelectorAll('[role="option"]').forEach((c) => c.removeAttribute('role'));
    expect(gmail.readDraft(root).recipients.map((r) => r.raw)).toEqual(['Eva Lind <eva@example.org>', 'petr@example.cz']);
  });

  it('never throws, and reads nothing from something that is not a compose', () => {
    const stray = document.createElement('div');
    expect(gmail.readDraft(stray)).toEqual({ composeId: expect.any(String), recipients: [], subject: '', bodyText: '', links: [] });
    expect(gmail.body(stray)).toBeNull();
    expect(gmail.recipientAreas(stray)).toEqual([]);
  });

  it('observes the recipients table of each compose', () => {
    loadFixture('legacy');
    const root = gmail.findComposes(document)[0]!;
    const areas = gmail.recipientAreas(root);
    expect(areas).toHaveLength(1);
    expect(areas[0]!.matches('table.GS')).toBe(true);
    expect(areas[0]!.querySelectorAll('.vR')).toHaveLength(3);
  });
});

describe('formatRecipient', () => {
  it.each([
    ['', 'a@b.com', 'a@b.com'],
    ['A@B.com', 'a@b.com', 'a@b.com'],
    ['Jan Novák', 'jan@firma.de', 'Jan Novák <jan@firma.de>'],
    ['Novák, Jan', 'jan@firma.de', '"Novák, Jan" <jan@firma.de>'],
    ['Jan "JJ" N.', 'j@f.de', '"Jan \\"JJ\\" N." <j@f.de>'],
  ])('%j + %j → %j', (name, address, expected) => {
    expect(formatRecipient(name, address)).toBe(expected);
  });
});

describe('blockText', () => {
  const text = (html: string): string => {
    const element = document.createElement('div');
    element.innerHTML = html;
    return blockText(element);
  };

  it.each([
    ['plain', 'Hello', 'Hello'],
    ['lines as divs', '<div>one</div><div>two</div>', 'one\ntwo'],
    ['empty line', '<div>one</div><div><br></div><div>three</div>', 'one\n\nthree'],
    ['first line as text', 'one<div>two</div>', 'one\ntwo'],
    ['br', 'a<br>b<br><br>c', 'a\nb\n\nc'],
    ['source indentation', '<div>\n    a\n    b\n</div>', 'a b'],
    ['nbsp', 'a&nbsp;&nbsp;b', 'a  b'],
    ['inline elements', 'see <a href="x">the <b>link</b></a> now', 'see the link now'],
    ['quote', '<div>hi</div><blockquote><div>old</div></blockquote>', 'hi\nold'],
    ['list', '<ul><li>a</li><li>b</li></ul>', 'a\nb'],
    ['table cells', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>', 'a b\nc'],
    ['style and script', '<style>p{}</style><div>x</div><script>y()</script>', 'x'],
    ['trailing breaks', '<div>x</div><div><br></div><br>', 'x'],
  ])('%s', (_, html, expected) => {
    expect(text(html)).toBe(expected);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmail } from '@/lib/webmail/gmail';
import { keydown, loadFixture, sentLog, startSim, type, type FixtureApi } from './gmailFixture';

/**
 * gmail-sim.js in happy-dom: the behaviour the e2e tier relies on, and the adapter reading what the sim
 * renders. Browsers run the same file in test/e2e.
 */

const root = (index = 0): HTMLElement => gmail.findComposes(document)[index]!;
const box = (compose: HTMLElement, field = 'to') =>
  compose.querySelector<HTMLInputElement>(`div[name="${field}"] input[peoplekit-id], textarea.vO[name="${field}"]`)!;
const raws = (compose: HTMLElement) => gmail.readDraft(compose).recipients.map((r) => `${r.field}:${r.source}:${r.raw}`);
const click = (element: Element) => (element as HTMLElement).click();

describe('scenarios from the query string', () => {
  it('fills recipients, typing box, subject and body of the first compose', () => {
    startSim('popup', `?${new URLSearchParams({ to: 'a@b.com,Jan Novák <jan@gmial.com>', cc: 'c@d.com', pendingTo: 'x@y.z', subject: 'Hi', body: 'Line 1\n\nsee https://bit.ly/x' })}`);
    expect(document.documentElement.getAttribute('data-fixture-ready')).toBe('true');
    expect(gmail.readDraft(root())).toEqual({
      composeId: 'c7100001',
      recipients: [
        { field: 'to', raw: 'a@b.com', source: 'chip' },
        { field: 'to', raw: 'Jan Novák <jan@gmial.com>', source: 'chip' },
        { field: 'to', raw: 'x@y.z', source: 'pending' },
        { field: 'cc', raw: 'c@d.com', source: 'chip' },
      ],
      subject: 'Hi',
      bodyText: 'Line 1\n\nsee https://bit.ly/x',
      links: [],
    });
  });

  it('targets a compose by index or compose id, replacing its chips; bodyHtml gives links', () => {
    startSim('multi', `?compose=c7200002&to=new@example.com&bcc=b@example.com&bodyHtml=${encodeURIComponent('<div><a href="https://t.co/x">x</a></div>')}`);
    expect(raws(root(1))).toEqual(['to:chip:new@example.com', 'cc:chip:petr@example.cz', 'bcc:chip:b@example.com']);
    expect(gmail.readDraft(root(1)).links).toEqual(['https://t.co/x']);
    expect(raws(root(0))).toEqual(['to:chip:Jan Novák <jan@firma.de>']);
  });

  it('restores the draft of restored.html after the delay, then applies the scenario to it', async () => {
    startSim('restored', '?delay=0&pendingTo=late@example.com');
    expect(gmail.findComposes(document)).toEqual([]);
    expect(document.documentElement.hasAttribute('data-fixture-ready')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gmail.composeKey(root())).toBe('c7600001');
    expect(raws(root())).toEqual(['to:chip:Billing <billing@example.com>', 'to:chip:ap@exmaple.com', 'to:pending:late@example.com']);
    expect(document.documentElement.getAttribute('data-fixture-ready')).toBe('true');
  });
});

describe('typing recipients', () => {
  it('turns typed text into chips on Enter, comma, Tab and leaving the box; the list re-renders', () => {
    startSim('popup');
    const compose = root();
    type(box(compose), 'a@example.com');
    keydown(box(compose), 'Enter');
    const firstChip = compose.querySelector('[data-hovercard-id="a@example.com"]');
    expect(firstChip).not.toBeNull();
    type(box(compose), 'b@example.com, c@exa');
    expect(box(compose).value).toBe('c@exa');
    expect(firstChip!.isConnected).toBe(false); // Gmail re-renders every chip on each change
    type(box(compose), 'mple.com');
    keydown(box(compose), 'Tab');
    type(box(compose), 'Dora <d@example.com>');
    compose.querySelector<HTMLElement>('[g_editable="true"]')!.focus();
    expect(raws(compose)).toEqual([
      'to:chip:a@example.com',
      'to:chip:b@example.com',
      'to:chip:c@example.com',
      'to:chip:Dora <d@example.com>',
    ]);
    expect(box(compose).value).toBe('');
  });

  it('removes chips with their × control, Delete on a chip, Backspace in an empty box', () => {
    startSim('popup', '?to=a@x.com,b@x.com,c@x.com,d@x.com');
    const compose = root();
    click(compose.querySelector('[data-hovercard-id="b@x.com"] .afX')!);
    const chipC = compose.querySelector<HTMLElement>('[data-hovercard-id="c@x.com"]')!;
    chipC.focus();
    keydown(chipC, 'Delete');
    keydown(box(compose), 'Backspace');
    expect(raws(compose)).toEqual(['to:chip:a@x.com']);
  });

  it('shows Cc and Bcc when asked, as new fields', () => {
    startSim('popup');
    const compose = root();
    expect(compose.querySelector('div[name="cc"]')).toBeNull();
    click(compose.querySelector('span.pE[role="link"]')!);
    type(box(compose, 'cc'), 'c@x.com');
    keydown(box(compose, 'cc'), 'Enter');
    click(compose.querySelector('span.pB[role="link"]')!);
    type(box(compose, 'bcc'), 'b@x.com');
    expect(raws(compose)).toEqual(['cc:chip:c@x.com', 'bcc:pending:b@x.com']);
    expect(compose.querySelector('span.pE, span.pB')).toBeNull();
  });

  it('does the same in the legacy recipient UI', () => {
    startSim('legacy');
    const compose = root();
    box(compose).value = '';
    type(box(compose), 'new@x.com');
    keydown(box(compose), 'Enter');
    click(compose.querySelector('.vR .vM')!); // removes Jan
    expect(raws(compose)).toEqual(['to:chip:eva@example.org', 'to:chip:new@x.com', 'cc:chip:Petr Svoboda <petr@example.cz>']);
    expect(compose.querySelector<HTMLInputElement>('.vR input[type="hidden"][name="to"]')!.value).toBe('eva@example.org');
  });
});

describe('sending', () => {
  const sendOf = (fixture: FixtureApi) => fixture.sent.at(-1);

  it('sends on a click on Send: records the message in both worlds and closes the compose', () => {
    const fixture = startSim('popup', '?to=a@x.com&cc=Cy <c@x.com>&subject=S&body=Hello%0Aworld');
    click(root().querySelector('.aoO')!);
    const expected = { composeId: 'c7100001', action: 'send', to: ['a@x.com'], cc: ['c@x.com'], bcc: [], subject: 'S', bodyText: 'Hello\nworld' };
    expect(sendOf(fixture)).toEqual(expected);
    expect(sentLog()).toEqual([expected]);
    expect(gmail.findComposes(document)).toEqual([]);
    expect(document.querySelector('.dw .no')!.children).toHaveLength(0);
  });

  it('sends what is left in the typing box, on Ctrl+Enter or Cmd+Enter anywhere in the compose', () => {
    const fixture = startSim('german');
    keydown(box(root(1)), 'Enter', { ctrlKey: true });
    expect(sendOf(fixture)).toMatchObject({ composeId: 'c7700002', action: 'send', to: ['max@beispiel.de', 'erika@gmial.com'] });
    keydown(root(0).querySelector('[g_editable="true"]')!, 'Enter', { metaKey: true });
    expect(sendOf(fixture)).toMatchObject({ composeId: 'c7700001', action: 'send', to: ['buchhaltung@firma.de'], subject: 'AW: Rechnung März' });
  });

  it.each([
    ['Enter', 'send', '.aoO'],
    [' ', 'send', '.aoO'],
    ['Enter', 'send-archive', '.Uo'],
  ])('sends on %j on the focused button (%s)', (key, action, selector) => {
    const fixture = startSim('reply');
    const button = root().querySelector<HTMLElement>(selector)!;
    button.focus();
    keydown(button, key);
    expect(sendOf(fixture)).toMatchObject({ composeId: 'c7400001', action, to: ['jan@firma.de'], cc: ['office@firma.de'] });
  });

  it('sends with Send + Archive in a reply', () => {
    const fixture = startSim('reply');
    click(root().querySelector('.Uo .Uq')!);
    expect(sendOf(fixture)).toMatchObject({ action: 'send-archive', subject: 'Re: Angebot 2026', bodyText: 'Danke Jan, passt so.\nDetails: hier' });
  });

  it('schedules from the "More send options" menu, which Gmail renders at the end of <body>', () => {
    const fixture = startSim('multi');
    const compose = root(0);
    const moreOptions = compose.querySelector<HTMLElement>('.hG')!;
    gmail.sendActionOf(moreOptions, compose); // what the send guard sees on the way
    click(moreOptions);
    const item = document.querySelector<HTMLElement>('body > [role="menu"] [selector="scheduledSend"]')!;
    expect(moreOptions.getAttribute('aria-expanded')).toBe('true');
    expect(compose.contains(item)).toBe(false);
    expect(gmail.sendActionOutside(item, document)).toEqual({ action: 'schedule', root: compose });
    expect(gmail.sendControl(compose, 'schedule')).toBe(item);
    click(item);
    expect(sendOf(fixture)).toMatchObject({ composeId: 'c7200001', action: 'schedule', to: ['jan@firma.de'] });
  });

  it('closes the menu on a mousedown elsewhere, keeps it hidden, and re-opens it for sendControl', () => {
    const fixture = startSim('multi');
    const compose = root(2);
    fixture.prefill(compose, { to: 'z@x.com' });
    const moreOptions = compose.querySelector<HTMLElement>('.hG')!;
    click(moreOptions);
    document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    const menu = document.querySelector<HTMLElement>('body > [role="menu"]')!;
    expect(menu.style.display).toBe('none');
    expect(moreOptions.getAttribute('aria-expanded')).toBe('false');
    const item = gmail.sendControl(compose, 'schedule');
    expect(item?.getAttribute('selector')).toBe('scheduledSend');
    expect(menu.style.display).toBe('');
    item!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(sendOf(fixture)).toMatchObject({ composeId: 'c7200003', action: 'schedule', to: ['z@x.com'] });
  });

  it("shows Gmail's error dialog instead of sending to a malformed address; OK dismisses it", () => {
    const fixture = startSim('popup', '?to=ok@x.com,jan.novak&pendingCc=');
    const compose = root();
    const send = compose.querySelector<HTMLElement>('.aoO')!;
    click(send);
    const alert = document.querySelector('body > [role="alertdialog"]')!;
    expect(alert.textContent).toContain('"jan.novak"');
    expect(fixture.sent).toEqual([]);
    click(alert.querySelector('button[name="ok"]')!);
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    // Gmail re-renders the send bar: hold on to the old button and nothing happens.
    expect(send.isConnected).toBe(false);
    expect(gmail.sendControl(compose, 'send')).not.toBeNull();
  });

  it.each([
    ['a typed address without @', 'popup', '?to=ok@x.com&pendingTo=bob', '"bob"'],
    ['no recipient at all', 'popup', '', 'at least one recipient'],
    ['German', 'german', '', 'mindestens einen Empfänger'],
  ] as const)('error dialog for %s', (_, page, query, text) => {
    const fixture = startSim(page, query);
    const compose = page === 'german' ? root(1) : root();
    if (page === 'german') {
      compose.querySelectorAll('.afX').forEach((x) => click(x));
      box(compose).value = '';
    }
    click(compose.querySelector('.aoO')!);
    expect(document.querySelector('[role="alertdialog"]')!.textContent).toContain(text);
    expect(fixture.sent).toEqual([]);
  });

  it('is stopped only by a capture-phase listener that stops propagation, not by preventDefault', () => {
    const fixture = startSim('popup', '?to=a@x.com');
    const send = root().querySelector<HTMLElement>('.aoO')!;
    const preventOnly = (event: Event) => event.preventDefault();
    window.addEventListener('click', preventOnly, true);
    click(send);
    expect(fixture.sent).toHaveLength(1);
    window.removeEventListener('click', preventOnly, true);

    fixture.openCompose({ to: 'b@x.com' });
    const guard = (event: Event) => {
      event.preventDefault();
      event.stopPropagation();
      event.stopImmediatePropagation();
    };
    window.addEventListener('click', guard, true);
    window.addEventListener('keydown', guard, true);
    click(root().querySelector('.aoO')!);
    keydown(root().querySelector('[g_editable="true"]')!, 'Enter', { ctrlKey: true });
    expect(fixture.sent).toHaveLength(1);
    window.removeEventListener('click', guard, true);
    window.removeEventListener('keydown', guard, true);
    // "Send anyway": the guard replays mousedown → mouseup → click on the re-queried control; one send.
    const control = gmail.sendControl(root(), 'send')!;
    for (const type of ['mousedown', 'mouseup', 'click']) control.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
    expect(fixture.sent.map((m) => m.to)).toEqual([['a@x.com'], ['b@x.com']]);
  });
});

describe('composes coming and going', () => {
  it('opens a new mole from the Compose button, in the page language and recipient UI', () => {
    const fixture = startSim('legacy');
    click(document.querySelector('[gh="cm"]')!);
    const roots = gmail.findComposes(document);
    expect(roots.map((r) => gmail.composeKey(r))).toEqual(['c7800001', 'c8000001']);
    expect(roots[1]!.querySelector('textarea.vO[name="to"]')).not.toBeNull();
    expect(document.activeElement).toBe(box(roots[1]!));
    fixture.prefill('c8000001', { to: ['Ann <ann@x.com>'], subject: 'New' });
    expect(gmail.readDraft(roots[1]!)).toMatchObject({ recipients: [{ field: 'to', raw: 'Ann <ann@x.com>', source: 'chip' }], subject: 'New' });
  });

  it('closes a compose with its close and discard controls; minimizing keeps it and re-renders Send', () => {
    startSim('multi');
    click(root(0).querySelector('.Hm .Ha')!);
    expect(gmail.findComposes(document).map((r) => gmail.composeKey(r))).toEqual(['c7200002', 'c7200003']);
    click(root(1).querySelector('.oh')!);
    const [minimized] = gmail.findComposes(document);
    const send = minimized!.querySelector('.aoO')!;
    click(minimized!.querySelector('.Hm .Hl')!);
    expect(minimized!.querySelector<HTMLElement>('.M9')!.style.display).toBe('');
    expect(send.isConnected).toBe(false);
    expect(gmail.sendControl(minimized!, 'send')!.isConnected).toBe(true);
  });

  it("builds new moles exactly like popup.html's (same elements, classes, roles and names)", () => {
    loadFixture('popup');
    const staticMole = skeleton(document.querySelector('.dw .no > *')!);
    const fixture = startSim('restored', '?delay=100000');
    const built = fixture.openCompose().closest('.no > *')!;
    expect(skeleton(built)).toEqual(staticMole);
  });
});

/** Structure without text, ids or labels: tag.class[role][name] per element, in document order. */
function skeleton(element: Element): string[] {
  return [element, ...element.querySelectorAll('*')].map((e) => {
    const attrs = ['role', 'name', 'type', 'peoplekit-id', 'g_editable', 'contenteditable', 'aria-haspopup', 'selector']
      .filter((a) => e.hasAttribute(a))
      .map((a) => `[${a}=${e.getAttribute(a)}]`);
    return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}${attrs.join('')}`;
  });
}

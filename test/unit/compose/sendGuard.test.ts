// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../lib/checks/types';
import type { ComposeSession, SendCheck } from '../../../lib/compose/composeSession';
import { SendGuard, type SendGuardDeps } from '../../../lib/compose/sendGuard';
import type { WebmailAdapter } from '../../../lib/webmail/types';

const typo: Finding = { id: 'typo:a@gmial.com', kind: 'typo', severity: 'warn', subject: 'a@gmial.com', message: 'typo' };
const note: Finding = { id: 'info:x', kind: 'bounced', severity: 'info', subject: 'x@y.com', message: 'note' };

/** A compose with a Send button whose own handler records sends, as Gmail's would. */
function setup(check: () => SendCheck) {
  document.body.innerHTML = `<div class="compose"><div class="body" tabindex="0"></div><div class="send" role="button" tabindex="0">Send</div></div>`;
  const root = document.querySelector<HTMLElement>('.compose')!;
  const sendButton = root.querySelector<HTMLElement>('.send')!;
  const sent: string[] = [];
  sendButton.addEventListener('click', () => sent.push('click'));
  root.addEventListener('keydown', (e) => e.key === 'Enter' && e.ctrlKey && sent.push('ctrl-enter'));
  const session = { root, check } as unknown as ComposeSession;
  const adapter = {
    sendActionOf: (target: Element) => (target.closest('.send') ? 'send' : null),
    sendActionOutside: () => null,
    sendControl: () => root.querySelector<HTMLElement>('.send'),
  } as unknown as WebmailAdapter;
  let answer: (send: boolean) => void = () => {};
  const deps = {
    adapter,
    sessionOf: (node: Node) => (root.contains(node) ? session : undefined),
    sessionByRoot: (r: HTMLElement) => (r === root ? session : undefined),
    confirm: vi.fn((_findings: readonly Finding[]) => new Promise<boolean>((resolve) => (answer = resolve))),
    onSent: vi.fn(),
    report: vi.fn(),
  } satisfies SendGuardDeps;
  const guard = new SendGuard(window, deps);
  const click = () => {
    for (const type of ['mousedown', 'mouseup', 'click']) sendButton.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
  };
  const ctrlEnter = () =>
    root.querySelector('.body')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
  return { guard, deps, sent, click, ctrlEnter, answer: (send: boolean) => answer(send) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SendGuard', () => {
  let stop: (() => void) | undefined;
  beforeEach(() => (stop = undefined));
  afterEach(() => stop?.());

  it.each([
    ['no findings', []],
    ['only info findings', [note]],
  ])('lets the send through at the first click with %s', (_name, findings) => {
    const t = setup(() => ({ findings, pendingLookups: 0, failedChecks: [] }));
    stop = () => t.guard.stop();
    t.click();
    expect(t.sent).toEqual(['click']);
    expect(t.deps.confirm).not.toHaveBeenCalled();
    expect(t.deps.onSent).toHaveBeenCalledTimes(1);
  });

  it.each(['click', 'Ctrl+Enter'] as const)('stops %s, asks, and "Send anyway" sends exactly once', async (how) => {
    const t = setup(() => ({ findings: [typo], pendingLookups: 0, failedChecks: [] }));
    stop = () => t.guard.stop();
    if (how === 'click') t.click();
    else t.ctrlEnter();
    expect(t.sent).toEqual([]);
    expect(t.deps.confirm).toHaveBeenCalledWith([typo], expect.anything());
    t.answer(true);
    await flush();
    expect(t.sent).toEqual(['click']);
    // The replay consumed the one pass: the next click is guarded again.
    t.click();
    expect(t.sent).toEqual(['click']);
  });

  it('"Go back" sends nothing', async () => {
    const t = setup(() => ({ findings: [typo], pendingLookups: 0, failedChecks: [] }));
    stop = () => t.guard.stop();
    t.click();
    t.answer(false);
    await flush();
    expect(t.sent).toEqual([]);
    expect(t.deps.onSent).not.toHaveBeenCalled();
  });

  it('fails open when the checks throw, and counts it', () => {
    const t = setup(() => {
      throw new Error('boom');
    });
    stop = () => t.guard.stop();
    t.click();
    expect(t.sent).toEqual(['click']);
    expect(t.deps.report).toHaveBeenCalledWith('guard-error', expect.stringContaining('boom'));
  });

  it('fails open when the dialog cannot open', async () => {
    const t = setup(() => ({ findings: [typo], pendingLookups: 0, failedChecks: [] }));
    stop = () => t.guard.stop();
    t.deps.confirm.mockImplementationOnce(() => Promise.reject(new Error('no dialog')));
    t.click();
    await flush();
    expect(t.sent).toEqual(['click']);
    expect(t.deps.report).toHaveBeenCalledWith('guard-error', expect.stringContaining('no dialog'));
  });

  it('lets the send through when a check failed, and counts it', () => {
    const t = setup(() => ({ findings: [], pendingLookups: 0, failedChecks: ['typo'] }));
    stop = () => t.guard.stop();
    t.click();
    expect(t.sent).toEqual(['click']);
    expect(t.deps.report).toHaveBeenCalledWith('check-error', 'at send: typo');
  });

  it('counts a send made before a bounce lookup answered', () => {
    const t = setup(() => ({ findings: [], pendingLookups: 2, failedChecks: [] }));
    stop = () => t.guard.stop();
    t.click();
    expect(t.sent).toEqual(['click']);
    expect(t.deps.report).toHaveBeenCalledWith('lookup-pending', '2');
  });

  it('leaves keys on anything but a send control alone while the dialog is open', () => {
    const t = setup(() => ({ findings: [typo], pendingLookups: 0, failedChecks: [] }));
    stop = () => t.guard.stop();
    t.click();
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    const keyup = new KeyboardEvent('keyup', { key: ' ', bubbles: true, cancelable: true });
    elsewhere.dispatchEvent(keyup);
    expect(keyup.defaultPrevented).toBe(false);
  });

  it('swallows further send attempts while the dialog is open', () => {
    const t = setup(() => ({ findings: [typo], pendingLookups: 0, failedChecks: [] }));
    stop = () => t.guard.stop();
    t.click();
    t.click();
    t.ctrlEnter();
    expect(t.sent).toEqual([]);
    expect(t.deps.confirm).toHaveBeenCalledTimes(1);
  });
});

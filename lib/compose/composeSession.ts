import { addressesOfDraft } from './draftAddresses';
import { runChecks } from '../checks';
import type { CheckContext, CheckName, Finding } from '../checks/types';
import type { DiagnosticEvent } from '../messaging';
import type { WebmailAdapter } from '../webmail/types';
import type { FactsCache } from './factsCache';

export interface SessionEnv {
  adapter: WebmailAdapter;
  facts: FactsCache;
  /** The current check context; its `facts` is the live FactsCache map. */
  context(): CheckContext;
  report(event: DiagnosticEvent, detail?: string): void;
}

/** After the last keystroke in the body, wait this long before rechecking links ("body idle"). */
const BODY_IDLE_MS = 500;
/** Recipient edits (typing box, chips) are rechecked sooner: a person looks up right after adding one. */
const RECIPIENT_IDLE_MS = 150;

export interface SendCheck {
  findings: readonly Finding[];
  /** Addresses whose bounce lookup has not answered yet. */
  pendingLookups: number;
  /** Checks that threw (and so found nothing); the others still ran. */
  failedChecks: CheckName[];
}

/**
 * One open compose: reads its draft through the adapter when something changed, keeps the current
 * findings for the UI, and answers the send guard synchronously from the DOM as it is at Send.
 */
export class ComposeSession {
  private findings: readonly Finding[] = [];
  private signature = '';
  private readonly listeners = new Set<() => void>();
  private readonly observer: MutationObserver;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dueAt = 0;
  /** Checks that failed while the person edited, reported once per compose (sends are counted by the guard). */
  private readonly reportedFailures = new Set<CheckName>();

  constructor(
    readonly root: HTMLElement,
    readonly key: string,
    private readonly env: SessionEnv,
  ) {
    // Chips come and go as child nodes of the recipient rows; the body is watched through `input` only.
    this.observer = new MutationObserver(() => this.schedule(RECIPIENT_IDLE_MS));
    const areas = env.adapter.recipientAreas(root);
    // Without them we still check at Send, but cannot follow edits: a sign Gmail changed its markup.
    if (areas.length === 0) env.report('selector-miss', 'recipient rows');
    // Without it a click on Send is not recognised and goes out unchecked.
    if (env.adapter.sendControl(root, 'send') === null) env.report('selector-miss', 'send button');
    for (const area of areas) this.observer.observe(area, { childList: true, subtree: true });
    root.addEventListener('input', this.onInput, true);
    root.addEventListener('focusout', this.onFocusOut, true);
    this.refresh();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = (): readonly Finding[] => this.findings;

  /** Recheck now, e.g. because recipient facts or settings changed. */
  refresh(): void {
    this.clearTimer();
    try {
      const { findings, failedChecks } = this.check();
      for (const name of failedChecks) {
        if (this.reportedFailures.has(name)) continue;
        this.reportedFailures.add(name);
        this.env.report('check-error', name);
      }
      const signature = findings.map((f) => `${f.id}\u0000${f.message}`).join('\u0001');
      if (signature !== this.signature) {
        this.signature = signature;
        this.findings = findings;
        for (const listener of this.listeners) listener();
      }
    } catch (error) {
      this.env.report('check-error', String(error).slice(0, 200));
    }
  }

  /** Reads the DOM as it is now (Gmail's recipient events lag up to ~2 s) and runs every check. */
  check(): SendCheck {
    const draft = this.env.adapter.readDraft(this.root);
    const addresses = addressesOfDraft(draft);
    this.env.facts.ensure(addresses);
    const failedChecks: CheckName[] = [];
    const findings = runChecks(draft, this.env.context(), (name) => failedChecks.push(name));
    let pendingLookups = 0;
    for (const address of addresses) if (this.env.facts.isPending(address)) pendingLookups++;
    return { findings, pendingLookups, failedChecks };
  }

  dispose(): void {
    this.clearTimer();
    this.observer.disconnect();
    this.root.removeEventListener('input', this.onInput, true);
    this.root.removeEventListener('focusout', this.onFocusOut, true);
    this.listeners.clear();
  }

  private readonly onInput = (event: Event): void => {
    const body = this.env.adapter.body(this.root);
    const inBody = body !== null && event.target instanceof Node && body.contains(event.target);
    this.schedule(inBody ? BODY_IDLE_MS : RECIPIENT_IDLE_MS);
  };

  // Leaving the typing box may turn its text into a chip; recheck soon.
  private readonly onFocusOut = (): void => this.schedule(RECIPIENT_IDLE_MS);

  /** One timer per compose; a keystroke only moves the deadline (no clearTimeout churn while typing). */
  private schedule(delayMs: number): void {
    const dueAt = Date.now() + delayMs;
    if (this.timer !== undefined) {
      if (dueAt > this.dueAt) this.dueAt = dueAt;
      return;
    }
    this.dueAt = dueAt;
    const fire = (): void => {
      const wait = this.dueAt - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(fire, wait);
        return;
      }
      this.timer = undefined;
      this.refresh();
    };
    this.timer = setTimeout(fire, delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

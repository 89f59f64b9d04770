import type { Finding } from '../checks/types';
import type { DiagnosticEvent } from '../messaging';
import type { SendAction, WebmailAdapter } from '../webmail/types';
import type { ComposeSession } from './composeSession';

/** Findings of these severities stop a send until the person decides. */
const STOPPING = new Set<Finding['severity']>(['block', 'warn']);
/** Events of one pointer gesture on a send control; Gmail's T-I buttons act on mousedown→mouseup→click. */
const POINTER_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const;
/** A stopped gesture's later events (up to its click) are swallowed for at most this long. */
const GESTURE_MS = 1500;

export interface SendGuardDeps {
  adapter: WebmailAdapter;
  sessionOf(node: Node): ComposeSession | undefined;
  sessionByRoot(root: HTMLElement): ComposeSession | undefined;
  /** Opens our dialog; resolves true for "Send anyway". Handed in by the entrypoint (arrows point down). */
  confirm(findings: readonly Finding[], session: ComposeSession): Promise<boolean>;
  /** A send we let through (or replayed), for the locally learned frequent-domain list. */
  onSent(session: ComposeSession): void;
  report(event: DiagnosticEvent, detail?: string): void;
}

interface Hit {
  session: ComposeSession;
  action: SendAction;
}

/**
 * Stops Send / Send+Archive / Ctrl+Enter / Schedule send while there are findings, asks, and replays the
 * send exactly once on "Send anyway". Every listener is capture-phase on window, so it runs before Gmail's
 * own handlers; every failure of ours lets the event through (fail open) and is counted.
 */
export class SendGuard {
  /** Set only while we replay a send the person confirmed, so that replay passes exactly once. */
  private replaying: HTMLElement | undefined;
  /** A gesture stopped at its first event; its later events are swallowed and its click asks. */
  private stoppedGesture: { target: EventTarget; hit: Hit; findings: readonly Finding[]; until: number } | undefined;
  private asking = false;

  constructor(
    private readonly win: Window,
    private readonly deps: SendGuardDeps,
  ) {
    for (const type of POINTER_EVENTS) win.addEventListener(type, this.onPointer, true);
    win.addEventListener('keydown', this.onKeydown, true);
    win.addEventListener('keyup', this.onKeyup, true);
  }

  stop(): void {
    for (const type of POINTER_EVENTS) this.win.removeEventListener(type, this.onPointer, true);
    this.win.removeEventListener('keydown', this.onKeydown, true);
    this.win.removeEventListener('keyup', this.onKeyup, true);
  }

  private readonly onPointer = (event: Event): void => {
    const gesture = this.stoppedGesture;
    if (gesture && gesture.target === event.target && Date.now() < gesture.until) {
      swallow(event);
      if (event.type === 'click') {
        this.stoppedGesture = undefined;
        this.ask(gesture.hit, gesture.findings);
      }
      return;
    }
    const hit = this.locate(event.target);
    if (!hit || this.replaying === hit.session.root) return;
    if (this.asking) return swallow(event);
    // Decided at the first event of a gesture; a lone synthetic click decides alone.
    const findings = this.decide(hit);
    if (findings.length === 0) {
      if (event.type === 'click') this.deps.onSent(hit.session);
      return;
    }
    swallow(event);
    if (event.type === 'click') this.ask(hit, findings);
    else if (event.target) this.stoppedGesture = { target: event.target, hit, findings, until: Date.now() + GESTURE_MS };
  };

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const hit = this.keyboardHit(event);
    if (!hit || this.replaying === hit.session.root) return;
    if (this.asking) return swallow(event);
    const findings = this.decide(hit);
    if (findings.length === 0) {
      this.deps.onSent(hit.session);
      return;
    }
    swallow(event);
    this.ask(hit, findings);
  };

  // Space on a focused button acts on keyup in some builds; while we ask, keep it from Gmail's send controls
  // (and only from those: Space on our own dialog's buttons must still press them).
  private readonly onKeyup = (event: KeyboardEvent): void => {
    if (this.asking && (event.key === ' ' || event.key === 'Enter') && this.locate(event.target)) swallow(event);
  };

  private keyboardHit(event: KeyboardEvent): Hit | null {
    if (event.key !== 'Enter' && event.key !== ' ') return null;
    try {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        const session = event.target instanceof Node ? this.deps.sessionOf(event.target) : undefined;
        return session ? { session, action: 'send' } : null;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return null;
      return this.locate(event.target);
    } catch (error) {
      this.deps.report('guard-error', String(error).slice(0, 200));
      return null;
    }
  }

  private locate(target: EventTarget | null): Hit | null {
    if (!(target instanceof Element)) return null;
    try {
      const session = this.deps.sessionOf(target);
      if (session) {
        const action = this.deps.adapter.sendActionOf(target, session.root);
        return action ? { session, action } : null;
      }
      const outside = this.deps.adapter.sendActionOutside(target, target.ownerDocument);
      if (!outside) return null;
      const owner = this.deps.sessionByRoot(outside.root);
      return owner ? { session: owner, action: outside.action } : null;
    } catch (error) {
      this.deps.report('guard-error', String(error).slice(0, 200));
      return null;
    }
  }

  /** The findings that stop this send; empty means let it go, including on any error of ours. */
  private decide(hit: Hit): readonly Finding[] {
    try {
      const { findings, pendingLookups, failedChecks } = hit.session.check();
      if (pendingLookups > 0) this.deps.report('lookup-pending', String(pendingLookups));
      if (failedChecks.length > 0) this.deps.report('check-error', `at send: ${failedChecks.join(', ')}`);
      return findings.filter((f) => STOPPING.has(f.severity));
    } catch (error) {
      this.deps.report('guard-error', String(error).slice(0, 200));
      return [];
    }
  }

  private ask(hit: Hit, findings: readonly Finding[]): void {
    this.asking = true;
    this.deps
      .confirm(findings, hit.session)
      .then((sendAnyway) => {
        this.asking = false;
        if (sendAnyway) this.replay(hit);
      })
      .catch((error: unknown) => {
        // Our dialog failed: never leave the person stuck with a mail that will not go out.
        this.asking = false;
        this.deps.report('guard-error', String(error).slice(0, 200));
        this.replay(hit);
      });
  }

  /** Re-query the control (Gmail re-renders it) and replay a full click on it, once. */
  private replay(hit: Hit): void {
    try {
      const control = this.deps.adapter.sendControl(hit.session.root, hit.action);
      if (!control) {
        this.deps.report('selector-miss', `send control for ${hit.action}`);
        return;
      }
      // No `view`: Firefox rejects a content script's window there (Xray wrapper).
      const init = { bubbles: true, cancelable: true, composed: true, button: 0 };
      this.replaying = hit.session.root;
      for (const type of POINTER_EVENTS) {
        const EventType = type.startsWith('pointer') && typeof PointerEvent === 'function' ? PointerEvent : MouseEvent;
        control.dispatchEvent(new EventType(type, init));
      }
      this.deps.onSent(hit.session);
    } catch (error) {
      this.deps.report('guard-error', String(error).slice(0, 200));
    } finally {
      this.replaying = undefined;
    }
  }
}

function swallow(event: Event): void {
  event.preventDefault();
  event.stopPropagation();
  event.stopImmediatePropagation();
}

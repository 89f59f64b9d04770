import type { Finding } from '../checks/types';
import type { DiagnosticEvent } from '../messaging';
import type { WebmailAdapter } from '../webmail/types';
import { ComposeSession } from './composeSession';
import { ComposeWatcher } from './composeWatcher';
import type { CheckEnvironment } from './checkEnvironment';
import { addressesOfDraft, domainsOf } from './draftAddresses';
import { SendGuard } from './sendGuard';

export interface PanelHandle {
  readonly host: HTMLElement;
  remove(): void;
}

/** The in-page UI, handed in by the content entrypoint (lib/ never imports components/). */
export interface ComposeUi {
  mountPanel(session: ComposeSession, onFix: (finding: Finding) => void): Promise<PanelHandle>;
  confirm(findings: readonly Finding[]): Promise<boolean>;
}

export interface GuardDeps {
  doc: Document;
  adapter: WebmailAdapter;
  ui: ComposeUi;
  env: CheckEnvironment;
  /** A send went out: its recipients' domains (and what the team email log keeps of it). */
  recordSent(sent: { domains: string[]; recipients: string[]; subject: string }): void;
  report(event: DiagnosticEvent, detail?: string): void;
}

interface OpenCompose {
  session: ComposeSession;
  panel?: PanelHandle;
  closed: boolean;
}

/** Starts watching composes and guarding their sends; returns the function that stops everything. */
export function startComposeGuard(deps: GuardDeps): () => void {
  const { adapter, report } = deps;
  const open = new Map<HTMLElement, OpenCompose>();

  const fix = (session: ComposeSession, finding: Finding): void => {
    const action = finding.fix?.action;
    if (!action) return;
    let fixed = false;
    try {
      fixed = adapter.replaceRecipient(session.root, action.field, action.from, action.to);
    } catch (error) {
      report('fix-failed', String(error).slice(0, 200));
      return;
    }
    if (!fixed) report('fix-failed', finding.kind);
    session.refresh();
  };

  const mount = (entry: OpenCompose): void => {
    deps.ui
      .mountPanel(entry.session, (finding) => fix(entry.session, finding))
      .then((panel) => {
        if (entry.closed) panel.remove();
        else entry.panel = panel;
      })
      .catch((error: unknown) => report('selector-miss', `panel: ${String(error).slice(0, 160)}`));
  };

  const watcher = new ComposeWatcher(deps.doc, adapter, {
    open(root, key) {
      const session = new ComposeSession(root, key, { adapter, facts: deps.env.facts, context: deps.env.context, report });
      const entry: OpenCompose = { session, closed: false };
      open.set(root, entry);
      mount(entry);
      return session;
    },
    close(session) {
      const entry = open.get(session.root);
      open.delete(session.root);
      session.dispose();
      if (entry) {
        entry.closed = true;
        entry.panel?.remove();
      }
    },
    revisit(session) {
      // Gmail re-renders parts of a compose (e.g. on expanding a reply); put our panel back when it went.
      const entry = open.get(session.root);
      if (entry?.panel && !entry.panel.host.isConnected) {
        entry.panel.remove();
        entry.panel = undefined;
        mount(entry);
      }
    },
  });

  const stopEnv = deps.env.onChange(() => {
    for (const session of watcher.all()) session.refresh();
  });

  const guard = new SendGuard(deps.doc.defaultView ?? window, {
    adapter,
    sessionOf: (node) => watcher.sessionOf(node),
    sessionByRoot: (root) => watcher.sessionByRoot(root),
    confirm: (findings) => deps.ui.confirm(findings),
    onSent: (session) => {
      try {
        const draft = adapter.readDraft(session.root);
        const recipients = addressesOfDraft(draft);
        deps.recordSent({ domains: domainsOf(recipients), recipients, subject: draft.subject });
      } catch (error) {
        report('check-error', String(error).slice(0, 200));
      }
    },
    report,
  });

  return () => {
    guard.stop();
    watcher.stop();
    stopEnv();
  };
}

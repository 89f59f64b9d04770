import type { WebmailAdapter } from '../webmail/types';

export interface ComposeHooks<S> {
  open(root: HTMLElement, key: string): S;
  close(session: S): void;
  /** Called for every still-open compose on each scan. */
  revisit(session: S): void;
}

/** A slow safety net: Gmail sometimes swaps whole containers without touching the ones we observe. */
const RESCAN_INTERVAL_MS = 2000;
/** Mutations arrive in bursts when Gmail renders; one scan per burst. */
const SCAN_DELAY_MS = 50;

/**
 * Keeps one session per open compose. Observes only the containers composes appear in (and the body's
 * direct children, where Gmail adds those containers), never the whole page subtree.
 */
export class ComposeWatcher<S> {
  private readonly sessions = new Map<HTMLElement, S>();
  private readonly containerObserver = new MutationObserver((records) => this.onMutations(records));
  private readonly bodyObserver = new MutationObserver(() => this.observeContainers());
  private observed = new Set<Element>();
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly interval: ReturnType<typeof setInterval>;

  constructor(
    private readonly doc: Document,
    private readonly adapter: WebmailAdapter,
    private readonly hooks: ComposeHooks<S>,
  ) {
    this.bodyObserver.observe(doc.body, { childList: true });
    this.observeContainers();
    this.interval = setInterval(() => this.scan(), RESCAN_INTERVAL_MS);
  }

  /** The session whose compose contains `node`, if any. */
  sessionOf(node: Node): S | undefined {
    for (const [root, session] of this.sessions) if (root.contains(node)) return session;
    return undefined;
  }

  sessionByRoot(root: HTMLElement): S | undefined {
    return this.sessions.get(root);
  }

  all(): IterableIterator<S> {
    return this.sessions.values();
  }

  scan(): void {
    this.scanTimer = undefined;
    const roots = new Set(this.adapter.findComposes(this.doc));
    for (const [root, session] of this.sessions) {
      if (!roots.has(root) || !root.isConnected) {
        this.sessions.delete(root);
        this.hooks.close(session);
      }
    }
    for (const root of roots) {
      const session = this.sessions.get(root);
      if (session === undefined) this.sessions.set(root, this.hooks.open(root, this.adapter.composeKey(root)));
      else this.hooks.revisit(session);
    }
  }

  stop(): void {
    clearInterval(this.interval);
    if (this.scanTimer !== undefined) clearTimeout(this.scanTimer);
    this.containerObserver.disconnect();
    this.bodyObserver.disconnect();
    for (const session of this.sessions.values()) this.hooks.close(session);
    this.sessions.clear();
  }

  private observeContainers(): void {
    const containers = this.adapter.composeContainers(this.doc);
    const changed = containers.length !== this.observed.size || containers.some((c) => !this.observed.has(c));
    if (changed) {
      this.containerObserver.disconnect();
      this.observed = new Set(containers);
      for (const container of containers) this.containerObserver.observe(container, { childList: true, subtree: true });
    }
    this.scheduleScan();
  }

  private onMutations(records: MutationRecord[]): void {
    // Typing adds and removes text nodes; only element changes can open or close a compose.
    for (const record of records) {
      if (hasElement(record.addedNodes) || hasElement(record.removedNodes)) {
        this.scheduleScan();
        return;
      }
    }
  }

  private scheduleScan(): void {
    if (this.scanTimer === undefined) this.scanTimer = setTimeout(() => this.scan(), SCAN_DELAY_MS);
  }
}

function hasElement(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.nodeType === Node.ELEMENT_NODE) return true;
  return false;
}

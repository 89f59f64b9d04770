import type { Suppression } from '../api/suppression';
import type { CheckContext, CheckName } from '../checks/types';
import { FactsCache } from './factsCache';

/** The part of the user's settings the checks use. */
export interface CheckSettings {
  checks: Readonly<Record<CheckName, boolean>>;
  trustedDomains: readonly string[];
  extraShorteners: readonly string[];
}

export interface CheckEnvironmentDeps {
  lookup(addresses: string[]): Promise<Suppression[]>;
  frequentDomains(): Promise<ReadonlyMap<string, number>>;
  settings: CheckSettings;
  /** Shipped shortener hosts; the user's additions are merged in. */
  defaultShorteners: ReadonlySet<string>;
  onError(error: unknown): void;
}

/**
 * Everything the checks know beyond the draft, kept current in the content script. The context object is
 * rebuilt only when settings or learned domains change, never per keystroke; `facts` is the live cache.
 */
export class CheckEnvironment {
  readonly facts: FactsCache;
  private ctx: CheckContext;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: CheckEnvironmentDeps) {
    this.facts = new FactsCache(deps.lookup, () => this.changed(), deps.onError);
    this.ctx = this.build(deps.settings, new Map());
    this.refreshFrequentDomains();
  }

  /** Asks the background for the learned domains again, e.g. after a send taught it new ones. */
  refreshFrequentDomains(): void {
    this.deps
      .frequentDomains()
      .then((frequentDomains) => {
        this.ctx = { ...this.ctx, frequentDomains };
        this.changed();
      })
      .catch(this.deps.onError);
  }

  readonly context = (): CheckContext => ({ ...this.ctx, now: Date.now() });

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  updateSettings(settings: CheckSettings): void {
    this.ctx = this.build(settings, this.ctx.frequentDomains);
    this.changed();
  }

  private build(settings: CheckSettings, frequentDomains: ReadonlyMap<string, number>): CheckContext {
    const shorteners = new Set(this.deps.defaultShorteners);
    for (const host of settings.extraShorteners) shorteners.add(host.toLowerCase());
    return {
      facts: this.facts.found,
      frequentDomains,
      trustedDomains: new Set(settings.trustedDomains.map((d) => d.toLowerCase())),
      shorteners,
      enabled: settings.checks,
      now: Date.now(),
    };
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

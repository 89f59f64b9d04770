import type { Suppression } from '../api/suppression';

type Lookup = (addresses: string[]) => Promise<Suppression[]>;

/**
 * What the background told us about recipient addresses, kept in the content script's memory so the send
 * guard can decide synchronously. Addresses are looked up once per page in batches; `found` is handed to
 * the checks as CheckContext.facts and only grows or shrinks on answers, never during a check.
 */
export class FactsCache {
  readonly found = new Map<string, Suppression>();
  private readonly answered = new Set<string>();
  private readonly pending = new Set<string>();
  private queued = new Set<string>();
  private flushScheduled = false;

  constructor(
    private readonly lookup: Lookup,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Normalized addresses not yet known are looked up in one batch at the end of this task. */
  ensure(addresses: Iterable<string>): void {
    for (const address of addresses) {
      if (!this.answered.has(address) && !this.pending.has(address)) this.queued.add(address);
    }
    if (this.queued.size > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => void this.flush());
    }
  }

  isPending(address: string): boolean {
    return this.pending.has(address) || this.queued.has(address);
  }

  /** Forget every answer, e.g. after the suppression list changed; known addresses are asked again. */
  reset(): void {
    const known = [...this.answered];
    this.answered.clear();
    this.found.clear();
    this.ensure(known);
    this.onChange();
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = [...this.queued];
    this.queued = new Set();
    for (const address of batch) this.pending.add(address);
    try {
      const rows = await this.lookup(batch);
      for (const address of batch) this.answered.add(address);
      for (const row of rows) this.found.set(row.address, row);
      if (rows.length > 0) this.onChange();
    } catch (error) {
      this.onError(error);
    } finally {
      for (const address of batch) this.pending.delete(address);
    }
  }
}

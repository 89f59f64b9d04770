import { audit } from '../db/audit';
import { setRecipientStatus, strongestStatus } from '../db/emails';
import { eventsOfPayload, linkedEventKinds, updateEventVerdict, type EventVerdict, type StoredEvent } from '../db/events';
import { orgPolicy } from '../db/orgs';
import { payloadPage, type PayloadRow } from '../db/payloads';
import { readRawMessage } from '../inbound/ingest';
import {
  classifyEvent, countsTowardPolicy, emailStatusFor, recordClassified, verdictColumns, verdictOf, type ClassifiedEvent,
  type StoreDeps,
} from './events';
import { settleSuppression, stateFromEvents, type Settled } from './rebuild';

/** One event whose verdict changed (`before` null: a recipient the classifier did not report before, now stored). */
export interface ChangedEvent {
  eventId: string;
  address: string;
  before: EventVerdict | null;
  after: EventVerdict;
}

export interface ReclassifySummary {
  dryRun: boolean;
  payloads: number;
  /** Raw messages whose body retention emptied: nothing left to read. */
  pruned: number;
  events: number;
  changed: number;
  added: number;
  /** Stored events of a raw message the classifier no longer reports: left as they are. */
  notReported: number;
  /** Rows written under a new feed seq (rebuilt from their events, or a newly read bounce applied). */
  suppressionsUpdated: number;
  /** Rows whose events no longer count at all: deleted with a tombstone, as an unbounce does. */
  suppressionsDeleted: number;
  /** Rows holding more than their events (an import, a policy changed since): left alone, for an admin to review. */
  suppressionsKept: string[];
}

export interface ReclassifyOptions {
  orgId: number | null;
  dryRun: boolean;
  onChange: (change: ChangedEvent) => void;
}

/** A dry run does the real work in each transaction, then throws this to roll it back. */
class DryRunRollback extends Error {}

const PAGE = 100;

/**
 * Runs the current classifier over the kept payloads: a raw message through lib/bounces again (ingest's
 * `readRawMessage`), an ESP event's codes and diagnostic through `classifyEvent` (what webhook ingest used; those
 * columns are the classifier's whole input and outlive the payload's body). Changed events are updated, recipients
 * newly read are recorded as ingest would, and each affected address's row is rebuilt from its events under the
 * org's policy (`settleSuppression`). One transaction per payload, re-reading its events inside, so it is safe
 * while the server ingests; a cleared (unbounced) event keeps cleared_at and so never counts again.
 */
export async function reclassify(deps: StoreDeps, options: ReclassifyOptions): Promise<ReclassifySummary> {
  const summary: ReclassifySummary = {
    dryRun: options.dryRun,
    payloads: 0, pruned: 0, events: 0, changed: 0, added: 0, notReported: 0,
    suppressionsUpdated: 0, suppressionsDeleted: 0, suppressionsKept: [],
  };
  const kept = new Set<string>();
  let afterId = 0;
  for (;;) {
    const page = payloadPage(deps.db, { afterId, orgId: options.orgId, limit: PAGE });
    for (const payload of page) {
      summary.payloads++;
      if (payload.source === 'dsn' && payload.body === null) {
        summary.pruned++;
        continue;
      }
      const fresh = payload.body === null ? null : await readRawMessage(payload.body, payload.receivedAt);
      const changes = inTransaction(deps, options.dryRun, () => applyVerdicts(deps, payload, fresh, summary, kept));
      changes.forEach(options.onChange);
    }
    const last = page.at(-1);
    if (last === undefined) break;
    afterId = last.id;
  }
  summary.suppressionsKept = [...kept];
  return summary;
}

/**
 * `work` in one write transaction, committed, or rolled back after it ran for a dry run: a dry run reports what the
 * real run would do payload by payload (each sees the database without the earlier payloads' changes).
 */
function inTransaction<T>(deps: StoreDeps, dryRun: boolean, work: () => T): T {
  let result: { value: T } | undefined;
  try {
    deps.db
      .transaction(() => {
        result = { value: work() };
        if (dryRun) throw new DryRunRollback();
      })
      .immediate();
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (result === undefined) throw new Error('The transaction ran no work');
  return result.value;
}

/** One payload's events against the classifier's answer (`fresh` for a raw message, null for an ESP payload). */
function applyVerdicts(
  deps: StoreDeps,
  payload: PayloadRow,
  fresh: ClassifiedEvent[] | null,
  summary: ReclassifySummary,
  kept: Set<string>,
): ChangedEvent[] {
  const { db } = deps;
  const stored = eventsOfPayload(db, payload.id);
  const readNow = new Map(fresh?.map((item) => [item.event.eventId, item]));
  const changes: ChangedEvent[] = [];
  for (const event of stored) {
    summary.events++;
    const item = readNow.get(event.eventId);
    if (fresh !== null && item === undefined) summary.notReported++;
    const after = fresh === null ? espVerdict(event) : item === undefined ? null : dsnVerdict(event.address, item);
    const before = verdictOfStored(event);
    if (after === null || sameVerdict(before, after)) continue;
    changes.push({ eventId: event.eventId, address: event.address, before, after });
  }
  settleChanged(deps, payload.orgId, stored, changes, summary, kept);

  const known = new Set(stored.map((event) => event.eventId));
  const unseen = (fresh ?? []).filter((item) => !known.has(item.event.eventId));
  if (unseen.length > 0) changes.push(...recordUnseen(deps, payload, unseen, summary));
  return changes;
}

/** Updates the changed events and rebuilds the rows of the addresses they count toward. */
function settleChanged(
  deps: StoreDeps,
  orgId: number,
  stored: readonly StoredEvent[],
  changes: readonly ChangedEvent[],
  summary: ReclassifySummary,
  kept: Set<string>,
): void {
  const { db } = deps;
  const byEventId = new Map(stored.map((event) => [event.eventId, event]));
  // Cleared events count for nothing before or after, so their addresses' rows do not depend on them.
  const live = changes.filter((change) => byEventId.get(change.eventId)?.clearedAt === null);
  const addresses = [...new Set(live.map((change) => change.address))];
  const policy = orgPolicy(db, orgId);
  const before = new Map(addresses.map((address) => [address, stateFromEvents(db, orgId, address, policy)]));
  for (const change of changes) updateEventVerdict(db, byEventId.get(change.eventId)!.id, change.after);
  summary.changed += changes.length;
  restateRecipients(db, changes.map((change) => byEventId.get(change.eventId)!));
  for (const address of addresses) {
    const settled = settleSuppression(db, { orgId, address, policy, now: deps.now() }, before.get(address));
    tally(summary, kept, address, settled);
    if (settled === 'write' || settled === 'delete') {
      const events = live
        .filter((change) => change.address === address)
        .map(({ eventId, before: was, after }) => ({ eventId, before: was?.reason ?? null, after: after.reason }));
      const detail = { row: settled === 'write' ? 'rebuilt' : 'deleted', events };
      audit(db, { orgId, userId: null, action: 'reclassify', address, reason: null, detail }, deps.now());
    }
  }
}

/**
 * The email log's status of each recipient whose events changed, made again from all its linked events: a
 * bounce re-read as an auto-reply lowers "bounced" back, which ingest's raise-only update never does.
 */
function restateRecipients(db: StoreDeps['db'], events: readonly StoredEvent[]): void {
  const recipients = new Map<string, { emailId: number; address: string }>();
  for (const { emailId, address } of events) if (emailId !== null) recipients.set(`${emailId} ${address}`, { emailId, address });
  for (const { emailId, address } of recipients.values()) {
    const statuses = linkedEventKinds(db, emailId, address).flatMap((event) => emailStatusFor(event.kind, event.class) ?? []);
    setRecipientStatus(db, emailId, address, strongestStatus(statuses));
  }
}

function tally(summary: ReclassifySummary, kept: Set<string>, address: string, settled: Settled): void {
  if (settled === 'write') summary.suppressionsUpdated++;
  if (settled === 'delete') summary.suppressionsDeleted++;
  if (settled === 'unexplained') kept.add(address);
}

/** Recipients the classifier reads now but did not then (a message it could not read at all): stored as ingest does. */
function recordUnseen(
  deps: StoreDeps,
  payload: PayloadRow,
  unseen: ClassifiedEvent[],
  summary: ReclassifySummary,
): ChangedEvent[] {
  const result = recordClassified(deps, payload.orgId, unseen, payload.body!);
  summary.added += result.inserted;
  summary.suppressionsUpdated += result.changed.length;
  const inserted = new Set(result.eventIds);
  return eventsOfPayload(deps.db, payload.id)
    .filter((event) => inserted.has(event.id))
    .map((event) => ({ eventId: event.eventId, address: event.address, before: null, after: verdictOfStored(event) }));
}

function dsnVerdict(address: string, { event, classification }: ClassifiedEvent): EventVerdict {
  const verdict = verdictOf(event.kind, classification);
  return {
    kind: event.kind,
    ...verdictColumns(verdict),
    status: event.status,
    replyCode: event.replyCode,
    diagnostic: event.diagnostic,
    counted: countsTowardPolicy(verdict, address),
  };
}

/** An ESP bounce's verdict from its own columns; other kinds (complaints, deliveries, echoes) have none to redo. */
function espVerdict(event: StoredEvent): EventVerdict | null {
  if (event.kind !== 'bounce') return null;
  const verdict = classifyEvent({ ...event, recipient: event.address });
  const counted = countsTowardPolicy(verdict, event.address);
  return { ...verdictOfStored(event), class: verdict.class, reason: verdict.reason, hard: verdict.hard, counted };
}

function verdictOfStored(event: StoredEvent): EventVerdict {
  const { kind, class: eventClass, reason, hard, status, replyCode, diagnostic, counted } = event;
  return { kind, class: eventClass, reason, hard, status, replyCode, diagnostic, counted };
}

const verdictKeys = ['kind', 'class', 'reason', 'hard', 'status', 'replyCode', 'diagnostic', 'counted'] as const;

function sameVerdict(a: EventVerdict, b: EventVerdict): boolean {
  return verdictKeys.every((key) => a[key] === b[key]);
}

import { countingEvents } from '../db/events';
import type { Db } from '../db/open';
import { nextSeq } from '../db/orgs';
import { deleteSuppression, resendIfOwnersChanged, suppressionByAddress, writeSuppression } from '../db/suppressions';
import { replayBounces, type OrgPolicy, type SuppressionState } from '../policy';
import { countedBounce } from './events';

/** The row the address's counted, not unbounced events make under `policy`, as ingest built it one by one. */
export function stateFromEvents(
  db: Db,
  orgId: number,
  address: string,
  policy: OrgPolicy,
): SuppressionState | undefined {
  return replayBounces(policy, countingEvents(db, orgId, address).map(countedBounce));
}

/**
 * What to do with a suppression row (`row`) after its address's events changed, given the state the events made
 * before the change and after it. Only a row that was exactly what its events made is rebuilt: then rebuilding
 * loses nothing that came from elsewhere. A row holding more (an import, a manual entry, a policy changed since)
 * is `unexplained` and left for an admin.
 */
export type Settlement =
  | { action: 'unchanged' }
  | { action: 'unexplained' }
  | { action: 'write'; state: SuppressionState }
  | { action: 'delete' };

export function settlement(
  row: SuppressionState | undefined,
  before: SuppressionState | undefined,
  after: SuppressionState | undefined,
): Settlement {
  if (!sameState(row, before)) return { action: 'unexplained' };
  if (sameState(row, after)) return { action: 'unchanged' };
  return after === undefined ? { action: 'delete' } : { action: 'write', state: after };
}

export type Settled = Settlement['action'];

/**
 * `settlement` applied to the live schema: a rebuilt row under a new feed seq, a row no event counts for any more
 * deleted with a tombstone (as an unbounce does), a kept row re-sent when its `own` changed, so every extension
 * hears of it. Call inside the write
 * transaction that changed the events, with `before` from `stateFromEvents` taken before the change.
 */
export function settleSuppression(
  db: Db,
  where: { orgId: number; address: string; policy: OrgPolicy; now: number },
  before: SuppressionState | undefined,
): Settled {
  const { orgId, address } = where;
  const row = suppressionByAddress(db, orgId, address, null);
  const decided = settlement(row, before, stateFromEvents(db, orgId, address, where.policy));
  if (decided.action === 'delete') deleteSuppression(db, orgId, address, nextSeq(db, orgId), where.now);
  if (decided.action === 'write') writeSuppression(db, orgId, address, decided.state, nextSeq(db, orgId));
  // The row's state stayed, but the events under it may now be other people's bounces.
  if (decided.action === 'unchanged' || decided.action === 'unexplained') {
    resendIfOwnersChanged(db, orgId, address, () => nextSeq(db, orgId));
  }
  return decided.action;
}

const stateKeys = [
  'class', 'reason', 'status', 'diagnostic', 'source', 'bounceCount', 'firstBounceAt', 'lastBounceAt', 'suppressed',
] as const satisfies readonly (keyof SuppressionState)[];

function sameState(a: SuppressionState | undefined, b: SuppressionState | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return stateKeys.every((key) => a[key] === b[key]);
}

import { z } from 'zod';
import type { BounceClass, BounceSource } from '../lib/api/suppression';
import type { Role } from './db/users';

/** The classes that count toward a suppression (lib/bounces' `ignore` never reaches policy). */
export type CountedClass = 'hard' | 'soft' | 'block' | 'complaint';

const rule = z
  .object({
    /** Suppress once this many bounces of the class fall within `windowDays`; null: never suppress. */
    suppressAfter: z.number().int().min(1).max(100).nullable(),
    windowDays: z.number().int().min(1).max(365).default(14),
  })
  .strict();

/** Per-org policy (orgs.policy, JSON); the defaults are architecture.md's "Policy defaults". */
export const orgPolicySchema = z
  .object({
    hard: rule.default({ suppressAfter: 1, windowDays: 14 }),
    soft: rule.default({ suppressAfter: 3, windowDays: 14 }),
    // The address is fine, the sender or the content is not: surfaced as a sender warning, never suppressed.
    block: rule.default({ suppressAfter: null, windowDays: 14 }),
    complaint: rule.default({ suppressAfter: 1, windowDays: 14 }),
  })
  .strict();
export type OrgPolicy = z.infer<typeof orgPolicySchema>;

const DAY_MS = 86_400_000;

/** How far back a bounce of `bounceClass` looks for earlier ones of its class. */
export function windowMs(policy: OrgPolicy, bounceClass: CountedClass): number {
  return policy[bounceClass].windowDays * DAY_MS;
}

/** Whether `countInWindow` bounces of `bounceClass` (this one included) suppress the address. */
export function suppresses(policy: OrgPolicy, bounceClass: CountedClass, countInWindow: number): boolean {
  const after = policy[bounceClass].suppressAfter;
  return after !== null && countInWindow >= after;
}

/** What a suppression row says about an address, without its feed bookkeeping. */
export interface SuppressionState {
  class: BounceClass;
  reason: string;
  status: string | null;
  diagnostic: string | null;
  source: BounceSource;
  bounceCount: number;
  firstBounceAt: number;
  lastBounceAt: number;
  suppressed: boolean;
}

export interface CountedBounce {
  class: CountedClass;
  reason: string;
  status: string | null;
  diagnostic: string | null;
  source: BounceSource;
  at: number;
}

// The row names its most serious cause: a later mailbox-full must not hide that the address once did not exist.
const severity: Record<BounceClass, number> = { manual: 0, block: 1, soft: 2, hard: 3, complaint: 4 };

/** The row after one more counted bounce. Suppression sticks until an unbounce deletes the row. */
export function applyBounce(
  existing: SuppressionState | undefined,
  bounce: CountedBounce,
  suppressNow: boolean,
): SuppressionState {
  const describe = existing === undefined || severity[bounce.class] >= severity[existing.class];
  const cause = describe ? bounce : existing;
  return {
    class: cause.class,
    reason: cause.reason,
    status: cause.status,
    diagnostic: cause.diagnostic,
    source: cause.source,
    bounceCount: (existing?.bounceCount ?? 0) + 1,
    firstBounceAt: Math.min(existing?.firstBounceAt ?? bounce.at, bounce.at),
    lastBounceAt: Math.max(existing?.lastBounceAt ?? bounce.at, bounce.at),
    suppressed: (existing?.suppressed ?? false) || suppressNow,
  };
}

/**
 * The row that ingest builds from these bounces, given in arrival order (as it applies them, one per event): each
 * counts itself and the earlier-arrived ones of its class that occurred within the window before it, as
 * `countInWindow` sees the table at that moment. Undefined: no bounce, no row. Lets re-classification and
 * migrations rebuild a row from its events, and check that a row is what its events explain.
 */
export function replayBounces(policy: OrgPolicy, bounces: readonly CountedBounce[]): SuppressionState | undefined {
  let state: SuppressionState | undefined;
  bounces.forEach((bounce, i) => {
    const from = bounce.at - windowMs(policy, bounce.class);
    const inWindow = bounces
      .slice(0, i + 1)
      .filter((earlier) => earlier.class === bounce.class && earlier.at >= from && earlier.at <= bounce.at).length;
    state = applyBounce(state, bounce, suppresses(policy, bounce.class, inWindow));
  });
  return state;
}

/**
 * architecture.md "Unbounce": admins for any address of their org; members for addresses that bounced on their own
 * mail, except complaints (a recipient who reported spam is the org's decision, not one sender's).
 */
export function mayUnbounce(role: Role, rowClass: BounceClass, own: boolean): boolean {
  if (role === 'admin') return true;
  return own && rowClass !== 'complaint';
}

import { describe, expect, it } from 'vitest';
import { applyBounce, mayUnbounce, orgPolicySchema, replayBounces, suppresses, type CountedBounce, type SuppressionState } from '../../server/policy';
import { suppressionByAddress } from '../../server/db/suppressions';
import { stateFromEvents } from '../../server/store/rebuild';
import { DAY, event, ingest, START, testServer, verdicts } from './helpers';

const defaults = orgPolicySchema.parse({});

describe('suppresses (architecture.md policy defaults)', () => {
  it.each([
    ['hard', 1, true],
    ['soft', 1, false],
    ['soft', 2, false],
    ['soft', 3, true],
    ['soft', 7, true],
    ['block', 1, false],
    ['block', 50, false],
    ['complaint', 1, true],
  ] as const)('%s × %i in the window → %s', (bounceClass, count, expected) => {
    expect(suppresses(defaults, bounceClass, count)).toBe(expected);
  });

  it('follows an org’s own thresholds', () => {
    const strict = orgPolicySchema.parse({ soft: { suppressAfter: 1 }, block: { suppressAfter: 2 } });
    expect(strict.soft.windowDays).toBe(14);
    expect(suppresses(strict, 'soft', 1)).toBe(true);
    expect(suppresses(strict, 'block', 1)).toBe(false);
    expect(suppresses(strict, 'block', 2)).toBe(true);
  });

  it('refuses a policy it does not understand', () => {
    expect(orgPolicySchema.safeParse({ soft: { suppressAfter: 0 } }).success).toBe(false);
    expect(orgPolicySchema.safeParse({ sfot: {} }).success).toBe(false);
  });
});

const bounce = (fields: Partial<CountedBounce>): CountedBounce => ({
  class: 'soft',
  reason: 'mailboxfull',
  status: '4.2.2',
  diagnostic: 'mailbox full',
  source: 'ses',
  at: 1000,
  ...fields,
});

describe('applyBounce', () => {
  it('starts a row at the first bounce', () => {
    expect(applyBounce(undefined, bounce({}), false)).toEqual({
      class: 'soft',
      reason: 'mailboxfull',
      status: '4.2.2',
      diagnostic: 'mailbox full',
      source: 'ses',
      bounceCount: 1,
      firstBounceAt: 1000,
      lastBounceAt: 1000,
      suppressed: false,
    });
  });

  it('keeps the most serious cause and keeps suppression once set', () => {
    const hard = applyBounce(undefined, bounce({ class: 'hard', reason: 'userunknown', at: 2000 }), true);
    const later = applyBounce(hard, bounce({ at: 3000 }), false);
    expect(later).toMatchObject({ class: 'hard', reason: 'userunknown', bounceCount: 2, suppressed: true });
    expect(later).toMatchObject({ firstBounceAt: 2000, lastBounceAt: 3000 });
    const late = applyBounce(later, bounce({ at: 500 }), false);
    expect(late).toMatchObject({ firstBounceAt: 500, lastBounceAt: 3000, bounceCount: 3 });
  });

  it('lets a real bounce describe an address that was listed by hand', () => {
    const manual: SuppressionState = { ...applyBounce(undefined, bounce({}), true), class: 'manual', reason: 'manual' };
    expect(applyBounce(manual, bounce({ class: 'block', reason: 'spamdetected' }), false)).toMatchObject({
      class: 'block',
      suppressed: true,
    });
  });
});

describe('mayUnbounce', () => {
  it.each([
    ['admin', 'hard', false, true],
    ['admin', 'complaint', false, true],
    ['member', 'hard', true, true],
    ['member', 'soft', true, true],
    ['member', 'hard', false, false],
    ['member', 'complaint', true, false],
  ] as const)('%s, %s, own=%s → %s', (role, rowClass, own, expected) => {
    expect(mayUnbounce(role, rowClass, own)).toBe(expected);
  });
});

describe('replayBounces', () => {
  it.each([
    ['no bounce: no row', [], undefined],
    ['three soft within 14 days suppress', [0, 5, 10], { bounceCount: 3, suppressed: true }],
    ['three soft spread over 30 days do not', [0, 15, 30], { bounceCount: 3, suppressed: false }],
    // Counting is by arrival: a late-arriving bounce that occurred earlier sees only those that arrived before it.
    ['a late arrival counts what arrived before it', [10, 12, 0], { bounceCount: 3, suppressed: false }],
  ])('%s', (_, days, expected) => {
    const state = replayBounces(defaults, days.map((d) => bounce({ at: START + d * DAY })));
    if (expected === undefined) expect(state).toBeUndefined();
    else expect(state).toMatchObject(expected);
  });

  it('rebuilds exactly the row ingest built, event by event, whatever the arrival order', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    const arrivals: [number, 'hard' | 'soft' | 'block'][] = [[3, 'soft'], [1, 'block'], [9, 'soft'], [2, 'soft'], [30, 'soft'], [31, 'hard'], [29, 'soft']];
    for (const [day, verdict] of arrivals) {
      ingest(server, orgId, [[event({ occurredAt: START + day * DAY, diagnostic: `${verdict} on day ${day}` }), verdicts[verdict]]]);
      const { address: _address, own: _own, seq: _seq, ...row } = suppressionByAddress(server.db, orgId, 'jan@example.com', null)!;
      expect(stateFromEvents(server.db, orgId, 'jan@example.com', defaults)).toEqual(row);
    }
  });
});

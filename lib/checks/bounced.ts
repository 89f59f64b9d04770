import type { Suppression } from '../api/suppression';
import { reasonInWords } from './reasons';
import { draftAddresses } from './recipients';
import type { CheckContext, Draft, Finding, Severity } from './types';

/**
 * Recipients on the org's suppression list (architecture.md, "Policy defaults"): hard bounces, complaints and
 * anything suppressed block; soft bounces not yet suppressed warn with their count; a block-class bounce means the
 * address is fine and the sender or content was filtered, so it warns about the sending side instead.
 */

const day = 24 * 60 * 60 * 1000;

/** "today", "yesterday", "3 days ago", "5 weeks ago", "4 months ago", "2 years ago". */
export function daysAgo(at: number, now: number): string {
  const days = Math.floor(Math.max(0, now - at) / day);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.floor(days / 7)} weeks ago`;
  if (days < 730) return `${Math.floor(days / 30)} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function bouncedSeverity(fact: Suppression): Severity {
  if (fact.suppressed || fact.class === 'hard' || fact.class === 'complaint') return 'block';
  return 'warn';
}

/** The plain-words message for one suppression row about `address`. */
function bouncedMessage(address: string, fact: Suppression, now: number): string {
  const when = daysAgo(fact.lastBounceAt, now);
  const why = reasonInWords(fact.reason, fact.class);
  const status = fact.suppressed
    ? 'Sending to it is suppressed: your mail system will not deliver to it until someone unbounces it.'
    : 'It is not suppressed yet.';
  switch (fact.class) {
    case 'complaint':
      return `${address} reported your organization's mail as spam (${when}). ${status}`;
    case 'block':
      return (
        `Mail to ${address} was filtered ${when}: ${why}. The address itself is fine; the problem is on the ` +
        "sending side. Check your domain's SPF and DMARC records, and avoid shortened or unusual links." +
        (fact.suppressed ? ` ${status}` : '')
      );
    case 'soft':
      return `${address} bounced ${times(fact.bounceCount)}, last ${when}: ${why}. ${status}`;
    case 'manual':
      return `${address} is on your organization's do-not-send list (${why}, ${when}). ${status}`;
    case 'hard':
      return `${address} bounced ${when}: ${why}. ${status}`;
  }
}

export function checkBounced(draft: Draft, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const address of draftAddresses(draft)) {
    if (address.key === null) continue;
    const fact = ctx.facts.get(address.key);
    if (fact === undefined) continue;
    findings.push({
      id: `bounced:${address.key}`,
      kind: 'bounced',
      severity: bouncedSeverity(fact),
      subject: address.address,
      message: bouncedMessage(address.address, fact, ctx.now),
    });
  }
  return findings;
}

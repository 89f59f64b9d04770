import { localAgentReason, mentions } from './reasons/index';
import { providerReason } from './rhost/index';
import type { Reason } from './schema';
import { statusReason } from './status';

/** Everything known about one failed recipient when its reason is decided. */
export interface Facts {
  /** A reason the report format itself already implies (qmail's "disk quota exceeded"), if any. */
  hint?: Reason;
  status: string;
  replyCode: string;
  /** Whitespace-collapsed diagnostic text. */
  diagnostic: string;
  /** Diagnostic-Code type: 'SMTP' unless the report says otherwise ('X-UNIX' for local programs). */
  diagnosticType: string;
  /** SMTP command the failure followed ('RCPT', 'DATA', 'MAIL', 'EHLO', 'CONN', ...) or ''. */
  command: string;
  action: string;
  recipientDomain: string;
  remoteMta: string;
  reportingMta: string;
}

/**
 * Reasons a format hint only proposes: the words and codes are checked again and may name something more precise
 * ("expired" queue message whose last error was "mailbox full"). Other hints are final.
 */
const provisional = new Set<Reason>([
  'undefined', 'onhold', 'systemerror', 'securityerror', 'expired', 'networkerror', 'hostunknown', 'userunknown',
]);

/**
 * The reason for one recipient. Order of evidence: a definite format hint; the local delivery agent's own words; the
 * receiving provider's documented replies; then the generic reading of status code, command and words.
 */
export function decideReason(facts: Facts): Reason {
  if (facts.hint && !provisional.has(facts.hint)) return facts.hint;
  const fromAgent = localAgentReason(facts.diagnostic, facts.command);
  if (fromAgent) return fromAgent;
  const fromProvider = providerReason(facts);
  if (fromProvider && isDefinite(fromProvider)) return fromProvider;
  const generic = genericReason(facts);
  if (isDefinite(generic)) return generic;
  return facts.diagnostic ? 'onhold' : (facts.hint ?? 'undefined');
}

function isDefinite(reason: Reason | undefined): reason is Reason {
  return reason !== undefined && reason !== 'undefined' && reason !== 'onhold';
}

function genericReason(facts: Facts): Reason {
  if (facts.status.startsWith('2.')) return 'delivered';
  if (facts.diagnosticType === 'SMTP' || facts.diagnosticType === '') {
    const probed = probeOrder.find(([, probe]) => probe(facts));
    if (probed) return probed[0];
  }
  const other = wordsAndCodes(facts);
  if (other && isDefinite(other)) return other;
  if (facts.action === 'delayed') return 'expired';
  if (mentions('vacation', facts.diagnostic)) return 'vacation';
  return facts.diagnostic ? 'onhold' : 'undefined';
}

type Probe = (facts: Facts) => boolean;

const sessionStart = ['CONN', 'EHLO', 'HELO'];
const beforeData = [...sessionStart, 'MAIL', 'RCPT'];
const named = (facts: Facts): Reason | undefined => statusReason(facts.status);

/** Simple probe: the hint, the status code's meaning, or the words name the reason. */
function byCodeOrWords(reason: Reason): Probe {
  return (facts) => facts.hint === reason || named(facts) === reason || mentions(reason, facts.diagnostic);
}

const spamDetected: Probe = (facts) => {
  if (!facts.status) return false;
  if (facts.hint === 'spamdetected' || named(facts) === 'spamdetected') return true;
  // Before DATA the server has not seen the content yet, so "spam" there is about the sender, not the message.
  return !beforeData.includes(facts.command) && mentions('spamdetected', facts.diagnostic);
};

/**
 * First matching probe wins. The order puts the mailbox's own state first, then problems that mimic "user unknown",
 * and the catch-all sender block last; probes look at the status code and the SMTP command as well as the words
 * (a "user unknown" after DATA is a content filter pretending, reported as filtered).
 */
const probeOrder: ReadonlyArray<readonly [Reason, Probe]> = [
  ['mailboxfull', byCodeOrWords('mailboxfull')],
  ['mesgtoobig', (facts) => {
    if (facts.hint === 'mesgtoobig' || named(facts) === 'mesgtoobig') return true;
    if (named(facts) === 'exceedlimit' || facts.status === '5.2.3') return false;
    return mentions('mesgtoobig', facts.diagnostic);
  }],
  ['exceedlimit', byCodeOrWords('exceedlimit')],
  ['suspend', (facts) =>
    facts.hint === 'suspend' || facts.replyCode === '525' || mentions('suspend', facts.diagnostic)],
  ['hasmoved', (facts) => facts.hint === 'hasmoved' || mentions('hasmoved', facts.diagnostic)],
  ['norelaying', (facts) => {
    if (facts.hint === 'norelaying') return true;
    if (facts.hint === 'securityerror' || facts.hint === 'systemerror' || facts.hint === 'undefined') return false;
    return !sessionStart.includes(facts.command) && mentions('norelaying', facts.diagnostic);
  }],
  ['authfailure', byCodeOrWords('authfailure')],
  ['userunknown', (facts) => {
    if (facts.hint === 'userunknown') return true;
    const byCode = named(facts);
    if (byCode === 'suspend') return false;
    if (byCode === 'userunknown') {
      const others: Reason[] = ['norelaying', 'blocked', 'mailboxfull', 'hasmoved', 'rejected', 'notaccept'];
      return !others.some((reason) => mentions(reason, facts.diagnostic));
    }
    return facts.command === 'RCPT' && mentions('userunknown', facts.diagnostic);
  }],
  ['filtered', (facts) => {
    if (facts.hint === 'filtered') return true;
    const byCode = named(facts);
    if (byCode === 'suspend') return false;
    const words = mentions('filtered', facts.diagnostic) || mentions('userunknown', facts.diagnostic);
    if (byCode === 'filtered') return words;
    return !beforeData.includes(facts.command) && words;
  }],
  ['requireptr', byCodeOrWords('requireptr')],
  ['notcompliantrfc', (facts) => facts.hint === 'notcompliantrfc' || mentions('notcompliantrfc', facts.diagnostic)],
  ['badreputation', (facts) => facts.hint === 'badreputation' || mentions('badreputation', facts.diagnostic)],
  ['contenterror', (facts) => {
    if (facts.hint === 'contenterror') return true;
    if (spamDetected(facts)) return false;
    return named(facts) === 'contenterror' || mentions('contenterror', facts.diagnostic);
  }],
  ['rejected', (facts) => {
    if (facts.hint === 'rejected') return true;
    const byCode = named(facts) ?? 'undefined';
    if (byCode === 'rejected') return true;
    if (facts.command === 'MAIL') return mentions('rejected', facts.diagnostic);
    if (facts.command === 'DATA') return byCode !== 'userunknown' && mentions('rejected', facts.diagnostic);
    const vague = ['undefined', 'onhold', 'securityerror', 'systemerror'].includes(byCode);
    return vague && mentions('rejected', facts.diagnostic);
  }],
  ['hostunknown', (facts) => {
    if (facts.hint === 'hostunknown') return true;
    if (named(facts) === 'hostunknown') return !mentions('networkerror', facts.diagnostic);
    return mentions('hostunknown', facts.diagnostic);
  }],
  ['spamdetected', spamDetected],
  ['speeding', (facts) => facts.hint === 'speeding' || mentions('speeding', facts.diagnostic)],
  ['toomanyconn', byCodeOrWords('toomanyconn')],
  ['blocked', byCodeOrWords('blocked')],
];

/** Second pass when no probe fired: words alone (in a different order), then what the status code's class says. */
const wordsOnly: readonly Reason[] = [
  'mailboxfull', 'authfailure', 'badreputation', 'speeding', 'spamdetected', 'virusdetected', 'policyviolation',
  'norelaying', 'systemerror', 'networkerror', 'suspend', 'contenterror', 'systemfull', 'notaccept', 'expired',
  'failedstarttls', 'securityerror', 'suppressed', 'mailererror',
];

function wordsAndCodes(facts: Facts): Reason | undefined {
  if (facts.hint && isDefinite(facts.hint)) return facts.hint;
  const byCode = named(facts);
  // A local program's exit status with a precise code needs no reading of its words.
  if (byCode && !provisional.has(byCode) && facts.diagnosticType && facts.diagnosticType !== 'SMTP') return byCode;
  const byWords = wordsOnly.find((reason) => mentions(reason, facts.diagnostic));
  if (byWords) return byWords;
  if (byCode) return byCode;
  const subject = facts.status.slice(0, 3);
  if (subject === '5.6' || subject === '4.6') return 'contenterror';
  if (subject === '5.7' || subject === '4.7') return 'securityerror';
  if (facts.diagnosticType.startsWith('X-UNIX')) return 'mailererror';
  if (facts.hint === 'syntaxerror' || /^[45]0[1-7]$/.test(facts.replyCode)) return 'syntaxerror';
  if (facts.action === 'delayed' || facts.action === 'expired') return 'expired';
  if (facts.command === 'EHLO' || facts.command === 'HELO') return 'blocked';
  return undefined;
}

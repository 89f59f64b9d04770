import type { Reason } from '../schema';
import {
  exceedLimit, filtered, hasMoved, hostUnknown, mailboxFull, mesgTooBig, notAccept, suspend, userUnknown, vacation,
} from './recipient';
import {
  authFailure, badReputation, blocked, contentError, failedStartTls, noRelaying, notCompliantRfc, notSenderRejection,
  policyViolation, rejected, requirePtr, securityError, spamDetected, speeding, tooManyConn, virusDetected,
} from './sender';
import { expired, mailerError, networkError, systemError, systemFull } from './system';

/** The text → reason phrase table: which reasons a diagnostic's words point at, one pattern per reason. */
const patterns: Partial<Record<Reason, RegExp>> = {
  userunknown: userUnknown,
  hostunknown: hostUnknown,
  mailboxfull: mailboxFull,
  suspend,
  filtered,
  hasmoved: hasMoved,
  notaccept: notAccept,
  exceedlimit: exceedLimit,
  mesgtoobig: mesgTooBig,
  vacation,
  authfailure: authFailure,
  badreputation: badReputation,
  blocked,
  contenterror: contentError,
  failedstarttls: failedStartTls,
  norelaying: noRelaying,
  notcompliantrfc: notCompliantRfc,
  policyviolation: policyViolation,
  requireptr: requirePtr,
  securityerror: securityError,
  spamdetected: spamDetected,
  speeding,
  toomanyconn: tooManyConn,
  virusdetected: virusDetected,
  expired,
  mailererror: mailerError,
  networkerror: networkError,
  systemerror: systemError,
  systemfull: systemFull,
};

/** True when `text` (whitespace collapsed) uses a phrase known for `reason`. */
export function mentions(reason: Reason, text: string): boolean {
  if (!text) return false;
  if (reason === 'rejected') return !notSenderRejection.test(text) && rejected.test(text);
  return patterns[reason]?.test(text) ?? false;
}

export { localAgentReason } from './local-agents';

import type { BounceClass } from '../api/suppression';

/**
 * Plain words for Sisimai's reason vocabulary, as shown to people who are not mail administrators.
 * Unknown reasons fall back to the class so a new server-side reason never shows a raw code.
 */
const reasonWords: Record<string, string> = {
  userunknown: 'the address does not exist',
  hostunknown: 'the domain does not exist',
  notaccept: 'the domain does not accept mail',
  mailboxfull: 'the mailbox is full',
  exceedlimit: 'the message was too large for the mailbox',
  mesgtoobig: 'the message was too large',
  suspend: 'the mailbox is suspended',
  hasmoved: 'the address has moved',
  expired: 'delivery kept failing and timed out',
  networkerror: 'the receiving server could not be reached',
  systemerror: 'the receiving server had an error',
  systemfull: 'the receiving server is out of space',
  toomanyconn: 'the receiving server refused too many connections',
  filtered: 'the recipient filtered the message',
  spamdetected: 'a spam filter rejected the message',
  contenterror: 'the message content was rejected',
  securityerror: 'the message failed a security check',
  virusdetected: 'the message was flagged as a virus',
  blocked: "the sender's server is blocked by the recipient",
  rejected: 'the sender was rejected',
  policyviolation: "the message broke the recipient's policy",
  authfailure: 'the message failed sender authentication (SPF/DKIM/DMARC)',
  norelaying: 'the receiving server refused to relay',
  syntaxerror: 'the receiving server reported a protocol error',
  onhold: 'delivery is on hold',
  feedback: 'the recipient reported the message as spam',
  vacation: 'an automatic reply, not a bounce',
  undefined: 'the reason could not be determined',
};

const classWords: Record<BounceClass, string> = {
  hard: 'the address does not accept mail',
  soft: 'delivery failed for now',
  block: 'a filter at the recipient blocked the message',
  complaint: 'the recipient reported the message as spam',
  manual: 'added to the list by hand',
};

export function reasonInWords(reason: string, bounceClass: BounceClass): string {
  return reasonWords[reason.toLowerCase()] ?? classWords[bounceClass];
}

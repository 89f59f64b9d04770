import type { Reason } from '../schema';
import { isStatusCode } from '../status';
import { firstRule, phraseRules, type Provider, type ReplyRule } from './types';

/**
 * Exchange Online / Outlook.com NDR codes (https://learn.microsoft.com/exchange/mail-flow-best-practices/
 * non-delivery-reports-in-exchange-online): Microsoft's enhanced codes go beyond RFC 3463 (4.7.650, 5.7.606-649),
 * and the words alone are ambiguous, so each rule needs its status code. `status` here is a regex source.
 */
function rule(reason: Reason, status: string, ...texts: string[]): ReplyRule {
  return { reason, text: new RegExp(texts.join('|'), 'i'), status: new RegExp(`^(?:${status})$`) };
}

const range = (from: number, to: number): string =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i)).join('|');

const rules: readonly ReplyRule[] = [
  rule('authfailure', '4\\.7\\.26', 'must pass either spf or dkim validation, this message is not signed'),
  rule('authfailure', '5\\.7\\.23', 'the message was rejected because of sender policy framework violation'),
  rule('authfailure', '5\\.7\\.509', 'does not pass dmarc verification'),
  rule('badreputation', '4\\.7\\.650', 'has been temporarily rate limited due to ip reputation'),
  rule('blocked', '4\\.4\\.2', 'connection dropped'),
  rule('blocked', `4\\.7\\.(?:${range(500, 699)}|${range(850, 899)})`, 'access denied, please try again later'),
  rule('blocked', '5\\.7\\.25', 'must have a reverse dns record'),
  rule('blocked', '5\\.7\\.50[67]|5\\.7\\.51[013]',
    'access denied, (?:bad helo|rejected by recipient|banned sender)',
    'does not accept email over ipv6',
    'using customer block list',
  ),
  rule('blocked', `5\\.7\\.(?:${range(606, 649)})`, 'access denied, banned sending ip '),
  rule('blocked', '5\\.5\\.4', 'invalid domain name'),
  rule('blocked', '5\\.7\\.1', 'part of their network is on our block list \\(s3150\\)'),
  rule('contenterror', '5\\.3\\.0|5\\.6\\.11|5\\.4\\.11|5\\.5\\.6',
    'too many related errors',
    'invalid characters',
    'agent generated message depth exceeded',
    'invalid message content',
  ),
  rule('exceedlimit', '5\\.2\\.3', 'resolver\\.rst\\.recipsizelimit; message too large for this recipient'),
  rule('expired', '4\\.4\\.1', 'connection timed out'),
  rule('expired', '4\\.4\\.7|5\\.4\\.300|5\\.4\\.316', 'message delayed|message expired'),
  rule('failedstarttls', '[45]\\.4\\.8|[45]\\.7\\.5', 'failed mta-sts validation'),
  rule('failedstarttls', '[45]\\.4\\.317|[45]\\.7\\.32[1-5]|5\\.7\\.51',
    'starttls is required to send mail',
    'starttls-not-supported',
    'certificate-expired',
    'tlsa-invalid',
    'dnssec-invalid',
    'certificate-host-mismatch',
    'restrictdomainstoipaddresses',
  ),
  rule('mailboxfull', '5\\.2\\.2', 'mailbox full'),
  rule('mesgtoobig', '5\\.3\\.4', 'message size exceeds fixed maximum message size|message too big for system'),
  rule('networkerror', '5\\.4\\.4', 'smtpsend\\.dns\\.nonexistentdomain; nonexistent domain|invalid arguments'),
  rule('networkerror', '5\\.4\\.6|5\\.4\\.14', 'hop count exceeded - possible mail loop|routing loop detected'),
  rule('networkerror', '[45]\\.4\\.312|[45]\\.4\\.316', 'dns query failed|connection refused'),
  rule('norelaying', '5\\.7\\.1|5\\.4\\.1|5\\.7\\.64',
    'unable to relay',
    'client was not authenticated',
    'relay access denied',
  ),
  rule('norelaying', '5\\.4\\.310', 'does not exist'),
  rule('notaccept', '4\\.3\\.2', 'system not accepting network messages'),
  rule('notaccept', '4\\.4\\.4', 'hosted tenant which has no mail-enabled subscriptions'),
  rule('notaccept', '5\\.3\\.2', 'storedrv\\.deliver: missing or bad storedriver mdb properties'),
  rule('policyviolation', '5\\.0\\.350', 'x-dg-ref header is too long|policy violation detected \\(as345\\)'),
  rule('policyviolation', `5\\.7\\.(?:${range(900, 999)})`, 'delivery not authorized, message refused'),
  rule('rejected', '5\\.1\\.7|5\\.1\\.0|5\\.1\\.8',
    'invalid address',
    'unknown sender address',
    'sender denied',
    'access denied, bad outbound sender',
  ),
  rule('rejected', '5\\.7\\.1', 'delivery not authorized'),
  rule('rejected', '5\\.7\\.(?:12|124|13|133|134|135|136)',
    'sender (?:was )?not (?:authenticated|in allowed-senders list)',
  ),
  rule('rejected', '5\\.7\\.50[1-3]', 'access denied, (?:spam abuse detected|banned sender)'),
  rule('rejected', '5\\.7\\.512|5\\.7\\.750',
    'message must be rfc 5322 section 3\\.6\\.2 compliant',
    'client blocked from sending from unregistered domains',
  ),
  rule('toomanyconn', '[45]\\.5\\.3|4\\.7\\.652|5\\.2\\.122',
    'too many recipients',
    'has exceeded the maximum number of connections',
    'the recipient has exceeded their limit for',
  ),
  rule('userunknown', '5\\.1\\.1',
    'resolver\\.adr\\.exrecipnotfound; not found',
    'user unknown',
    'bad destination mailbox address',
  ),
  rule('userunknown', '5\\.1\\.3', 'storedrv\\.submit; invalid recipient address'),
  rule('userunknown', '5\\.1\\.[45]', 'recipient address reserved by rfc 2606'),
  rule('userunknown', '5\\.1\\.6', 'recipient addresses in single label domains not accepted'),
  rule('userunknown', '5\\.1\\.10', 'recipient not found'),
  rule('userunknown', '5\\.4\\.1', 'recipient address rejected: access denied'),
  rule('userunknown', '5\\.5\\.0', 'requested action not taken: mailbox unavailable'),
  rule('userunknown', '5\\.1\\.2', 'invalid x\\.400 address'),
  rule('userunknown', '5\\.1\\.351', 'remote server returned unknown recipient or mailbox unavailable'),
];

export const microsoft: Provider = {
  name: 'Microsoft',
  domains: ['outlook.com', 'onmicrosoft.com'],
  hosts: ['.prod.outlook.com', '.protection.outlook.com', '.onmicrosoft.com', '.exchangelabs.com'],
  read(facts) {
    if (!facts.diagnostic || !isStatusCode(facts.status)) return undefined;
    return firstRule(rules, facts);
  },
};

/** Consumer Hotmail/Live inbound servers, older replies. */
export const hotmail: Provider = {
  name: 'Outlook',
  domains: ['hotmail.com'],
  hosts: ['.hotmail.com'],
  read: (facts) => firstRule(hotmailRules, facts),
};

const hotmailRules = phraseRules([
  ['hostunknown', 'The mail could not be delivered to the recipient because the domain is not reachable'],
  ['userunknown', 'Requested action not taken: mailbox unavailable'],
]);

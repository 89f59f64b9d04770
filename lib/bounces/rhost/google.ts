import type { Reason } from '../schema';
import { isReplyCode } from '../smtp';
import { isStatusCode } from '../status';
import { firstRule, type Provider, type ReplyRule } from './types';

/**
 * Gmail's inbound servers (https://support.google.com/a/answer/3726730, "SMTP error reference"): the same words come
 * with fixed reply and status codes, so a rule needs all three. Status codes are compared without their class digit
 * because Google sends the same text as 4.x.y and 5.x.y.
 */
function rule(reason: Reason, replies: string, statuses: string, ...texts: string[]): ReplyRule {
  return {
    reason,
    text: new RegExp(texts.join('|'), 'i'),
    reply: new RegExp(`^(?:${replies})$`),
    status: new RegExp(`^[45]\\.(?:${statuses.replaceAll('.', '\\.')})$`),
  };
}

const rules: readonly ReplyRule[] = [
  rule('authfailure', '451|550', '7.24', 'the spf record of the sending domain'),
  rule('authfailure', '421|550', '7.26',
    'senders to authenticate with either spf or dkim',
    'spf record with a hard fail',
  ),
  rule('authfailure', '451|550', '7.26', "is not accepted due to domain's dmarc policy"),
  rule('authfailure', '550', '7.1|7.26', 'fails to pass authentication checks'),
  rule('authfailure', '421|550', '7.27', 'senders to authenticate (?:their email )?with spf'),
  rule('authfailure', '421|550', '7.30', 'senders to authenticate (?:their email )?with dkim'),
  rule('authfailure', '421', '7.32', 'aligned with either the authenticated spf or dkim'),
  rule('badreputation', '421|550', '7.0|7.1', 'very low reputation of the sending (?:ip address|domain)'),
  rule('blocked', '421', '7.0', 'ip not in whitelist for rcpt domain|try again later, closing connection\\.'),
  rule('blocked', '501', '5.4', 'empty helo/ehlo argument not allowed|helo/ehlo argument is invalid'),
  rule('blocked', '421|550', '7.0|7.1|7.28', 'an unusual rate of (?:unsolicited )?mail'),
  rule('exceedlimit', '552', '2.3|3.4',
    "exceeded google's message (?:header )?size limits",
    'bytes per individual header size',
  ),
  rule('expired', '421', '7.0', 'connection expired'),
  rule('expired', '451', '4.2', 'timeout - closing connection'),
  rule('failedstarttls', '530', '7.0', 'must issue a starttls command first'),
  rule('failedstarttls', '421', '7.0', 'tls required for rcpt domain'),
  rule('failedstarttls', '421|550', '7.29', 'senders to use tls/ssl for smtp'),
  rule('mailboxfull', '452|552', '2.2', 'inbox is out of storage space|is over quota'),
  rule('mailboxfull', '550', '7.1', 'email quota exceeded'),
  rule('networkerror', '554', '4.6|6.0', 'message exceeded 50 hops'),
  rule('norelaying', '550', '7.0|7.1',
    'mail relay denied',
    'invalid credentials for relay',
    'is not authorized to send email directly to our servers',
  ),
  rule('notcompliantrfc', '550', '7.1',
    'missing a valid (?:address in the from: header|message-id: header)',
    'multiple addresses in from: header are not accepted',
    'is not rfc 5322 compliant',
    'contains a unicode character in a disallowed header',
    'encoded-word syntax is not permitted',
  ),
  rule('notcompliantrfc', '554', '6.0', 'mail message is malformed'),
  rule('policyviolation', '552', '7.0',
    'illegal attachment on your message',
    'blocked because its content presents a potential security issue',
  ),
  rule('policyviolation', '550', '7.1', 'you are sending to \\(or from\\) has a policy that prohibited'),
  rule('policyviolation', '421', '7.28', 'sending messages with the same message-id:'),
  rule('rejected', '550', '7.0|7.1', 'mail sending denied|unauthenticated email is not accepted'),
  rule('requireptr', '421|550', '7.0|7.23|7.25',
    'does not have a ptr record',
    'have a ptr record, or the ptr record',
    'does not match the ip address of the hostname',
  ),
  rule('requireptr', '550', '7.1', 'does not meet ipv6 sending guidelines regarding ptr records and authentication'),
  rule('securityerror', '454|501|503|530|534|535', '7.0|5.2|5.1|7.1|7.8|7.9|7.14',
    'too many login attempts',
    'cannot decode response',
    'no identity changes permitted',
    'authentication required\\.',
    'application-specific password required',
    'please log in (?:with|through) your web browser',
    'username and password not accepted',
  ),
  rule('spamdetected', '421', '7.0', 'due to the nature of the content or the links within'),
  rule('spamdetected', '550', '7.1', 'likely unsolicited mail'),
  rule('speeding', '450|550', '2.1',
    'is receiving mail too quickly',
    'peak smtp relay limit exceeded for customer',
    'rate that prevents additional messages from being delivered',
  ),
  rule('speeding', '550', '4.5|7.1',
    'daily (?:sending quota|user sending limit|smtp relay(?: sending)? limit) exceeded',
    'this mail has been rate limited',
  ),
  rule('suspend', '550', '2.1', 'account that you tried to reach is (?:disabled|inactive)'),
  rule('syntaxerror', '451|454|525', '5.0|7.10', 'smtp protocol violation'),
  rule('syntaxerror', '451', '3.0',
    'multiple destination domains per transaction is unsupported',
    'mail server (?:has )?temporarily rejected (?:this )?message',
  ),
  rule('toomanyconn', '452|550', '5.3', 'your message has too many recipients|too many recipients for this sender'),
  rule('userunknown', '550', '1.1', 'the email account that you tried to reach does not exist'),
  rule('userunknown', '553', '1.2', "we weren't able to find the recipient domain"),
  rule('userunknown', '553', '1.3', 'is not a valid rfc 5321 address'),
];

export const google: Provider = {
  name: 'Google',
  domains: ['google.com'],
  hosts: ['aspmx.l.google.com', 'gmail-smtp-in.l.google.com'],
  read(facts) {
    if (!facts.diagnostic || !isReplyCode(facts.replyCode) || !isStatusCode(facts.status)) return undefined;
    return firstRule(rules, facts);
  },
};

/** Google Workspace's own bounce texts (the sending side's relay reports DNS trouble in these words). */
export const googleWorkspace: Provider = {
  name: 'GoogleWorkspace',
  domains: ['googlemail.com'],
  hosts: ['googlemail.com'],
  read(facts) {
    const text = facts.diagnostic;
    const statusClass = facts.status.slice(0, 1);
    const replyClass = facts.replyCode.slice(0, 1);
    const dnsMissing = /responded with code nxdomain|domain name not found/i.test(text);
    // NXDOMAIN is only final when both codes say permanent; otherwise Google is still retrying a DNS failure.
    if (dnsMissing && !['4', ''].includes(statusClass) && !['4', ''].includes(replyClass)) return 'hostunknown';
    if ((dnsMissing || / had no relevant answers\./i.test(text)) && statusClass !== '5' && replyClass !== '5') {
      return 'networkerror';
    }
    if (/null mx/i.test(text)) return 'notaccept';
    const notFound = /because the address couldn't be found\. check for typos or unnecessary spaces/i;
    if (notFound.test(text)) return 'userunknown';
    return undefined;
  },
};

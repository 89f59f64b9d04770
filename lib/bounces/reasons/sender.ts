import { phrases } from './pattern';

/**
 * Phrases that blame the sending side: its IP or host, its domain's authentication, its rate, or the content.
 * Sources as in recipient.ts (Sisimai's reason lists, regrouped).
 */

export const blocked = phrases(
  ' said: 550 blocked', String.raw`//www\.spamcop\.net/bl\.`, 'bad sender ip address', 'banned sending ip',
  'blacklisted by', 'blocked using ', 'blocked - see http', 'dnsbl:attrbl',
  'client host rejected: (?:abus detecte gu_eib_0[24]|may not be mail exchanger|was not authenticated)',
  'confirm this mail server', 'connection dropped', 'connection refused by', 'connection reset by peer',
  'connection was dropped by remote host', 'connections not accepted from ip addresses on spamhaus xbl',
  'currently sending spam see: ', 'domain does not exist:', 'dynamic/zombied/spam ips blocked',
  'error: no valid recipients from ', 'esmtp not accepting connections', 'extreme bad ip profile', 'go away',
  'helo command rejected:', 'host network not allowed', 'hosts with dynamic ip',
  'invalid ip for sending mail of domain',
  'is in a black list', 'is not allowed to send mail from', 'no access from mail server',
  'no matches to nameserver query', 'not currently accepting mail from your ip',
  'part of their network is on our block list', 'please use the smtp server of your isp', 'refused - see http',
  'rejected - multi-blacklist', 'rejected because the sending mta or the sender has not passed validation',
  'rejecting open proxy', 'sender ip address rejected', 'server access forbidden by your ip ',
  'service not available, closing transmission channel',
  'smtp error from remote mail server after initial connection:',
  "sorry, that domain isn't in my list of allowed rcpthosts", 'sorry, your remotehost looks suspiciously like spammer',
  'temporarily deferred due to unexpected volume or user complaints',
  'to submit messages to this e-mail system has been rejected', 'too many spams from your ip',
  'too many unwanted messages have been sent from the following ip address above', 'was blocked by ',
  'we do not accept mail from dynamic ips', 'you are not allowed to connect', 'you are sending spam',
  'your ip address is listed in the rbl', 'your network is temporary blacklisted', 'your server requires confirmation',
  String.raw`\(…@…:blocked\)`, 'access from ip address … blocked', 'client host … blocked using',
  "connections will not be accepted from … because the ip is in spamhaus's list", 'dnsbl:rbl …>_is_blocked',
  String.raw`email blocked by …\.barracudacentral\.org`, 'email blocked by …spamhaus',
  'host … refused to talk to me: … blocked', 'ip … is blocked by earthlink', 'is in an …rbl on ',
  'mail server at … is blocked', 'mail from … refused:', 'message from … rejected based on blacklist',
  'messages from … temporarily deferred due to user complaints', 'server ip … listed as abusive',
  'sorry! your ip address… is blocked by rbl', 'the (?:domain|email) … is blacklisted', 'the ip… is blacklisted',
  String.raw`veuillez essayer plus tard\. service refused, please try later\. …(?:103|510)`,
  'your access ip… has been rejected', String.raw`your sender's ip address is listed at …\.abuseat\.org`,
);

export const spamDetected = phrases(
  ' - spam', String.raw`//(?:www\.spamhaus\.org|dsbl\.org|mail\.163\.com)/help/help_spam_16\.htm`, 'appears to be spam',
  '554 5\\.7\\.0 reject, id=', 'appears to be unsolicited', 'blacklisted url in message', 'block for spam',
  'blocked by policy: no spam please', 'blocked by spamassassin',
  String.raw`blocked for abuse\. see http://att\.net/blocks`,
  'cannot be forwarded because it was detected as spam',
  String.raw`considered unsolicited bulk e-mail \(spam\) by our mail filters`, 'content filter rejection',
  'cyberoam anti spam engine has identified this email as a bulk email', 'denied due to spam list',
  'high probability of spam', 'is classified as spam and is rejected', String.raw`listed in work\.drbl\.imedia\.ru`,
  'the mail server detected your message as spam and has prevented delivery', 'mail appears to be unsolicited',
  'mail content denied', 'may consider spam', 'message considered as spam or virus', 'message contains spam or virus',
  'message content rejected', 'message detected as spam', 'message filtered', 'message looks like spam',
  'message is being rejected as it seems to be a spam',
  'message refused by (?:mailmarshal|trustwave seg) spamprofiler', 'message rejected as spam',
  'message rejected because of unacceptable content', 'message rejected due to suspected spam content',
  'message rejected for policy reasons', 'message was rejected for possible spam/virus content',
  'our email server thinks this email is spam', 'our system has detected that this message is ', 'probable spam',
  String.raw`reject bulk\.advertising`, 'rejected: spamassassin score ', 'rejected - bulk email',
  'rejecting banned content', 'rejecting mail content', 'related to content with spam-like characteristics',
  'sender domain listed at ', 'sending address not accepted due to spam filter', 'spam blocked', 'spam check',
  'spam content matched', 'spam detected', 'spam email', 'spam message rejected\\.', 'spam not accepted',
  'spam refused', 'spam rejection', 'spam score ', 'spambouncer identified spam', 'spamming not allowed',
  'too many spam complaints', String.raw`too much spam\.`, 'the email message was detected as spam',
  'the message has been rejected by spam filtering engine',
  'the message was rejected due to classification as bulk mail', 'the content of this message looked like spam',
  'this message (?:appears to be spam|has been identified as spam|was classified as spam)',
  'this message has been scored as spam with a probability',
  'this message was rejected by recurrent pattern detection system', 'transaction failed spam message not queued',
  'we dont accept spam', 'your email appears similar to spam we have received before',
  'your email breaches local uribl policy', 'your email had spam-like ',
  'your email (?:is considered spam|is probably spam|was detected as spam)',
  'your message as spam and has prevented delivery', 'your message has been temporarily blocked by our filter',
  'your message has been rejected because it appears to be spam', 'your message has triggered a spam block',
  'your message may contain the spam contents', 'your message failed several antispam checks',
  'greylisted… please try again in', String.raw`mail score \(… over `,
  String.raw`mail rejete\. mail rejected\. …506`,
  'our filters rate at and above … percent probability of being spam', String.raw`rejected by … \(spam\)`,
  'rejected due to spam …(?:classification|content)', 'rule imposed as … is blacklisted on', 'spam … exceeded',
  'this message scored … spam points',
);

/** Texts that mention an address being rejected but mean the recipient or the IP, not the sender. */
export const notSenderRejection = phrases(
  String.raw`5\.1\.0 address rejected`, 'recipient address rejected', 'sender ip address rejected',
);

export const rejected = phrases(
  String.raw`access denied \((?:in reply to mail from command|sender blacklisted)\)`, 'address rejected',
  'administrative prohibition', 'batv (?:failed to verify|validation failure)',
  'backscatter protection detected an invalid or expired email address',
  "because the sender isn't on the recipient's list of senders to accept mail from", 'bogus mail from',
  "can't determine purported responsible address",
  'connections not accepted from servers without a valid sender domain', String.raw`denied \[bouncedeny\]`,
  'denied by secumail valid-address-filter', 'delivery not authorized, message refused', 'does not exist e2110',
  'domain of sender address ', 'email address is on senderfilterconfig list', 'emetteur invalide',
  'empty envelope senders not allowed', 'envelope blocked - ', 'error: no third-party dsns',
  String.raw`from: domain is invalid\. please provide a valid from:`, 'fully qualified email address required',
  'invalid domain, see <url:', 'invalid sender', 'is not a registered gateway user', 'mail from not owned by user',
  'message rejected: email address is not verified', 'mx records for ', 'null sender is not allowed',
  'recipient addresses rejected : access denied', String.raw`recipient not accepted\. \(batv: no tag`,
  'returned mail not accepted here', 'rfc 1035 violation: recursive cname records for',
  'rule imposed mailbox access for', 'sending this from a different address or alias using the ',
  'sender address has been blacklisted', 'sender email address rejected', 'sender is in my black list',
  'sender is spammer', 'sender not pre-approved', 'sender rejected', 'sender domain is empty', 'sender verify failed',
  'sender was rejected', 'spam reporting address', 'syntax error: empty email address',
  'the message has been rejected by batv defense', 'this server does not accept mail from',
  'transaction failed unsigned dsn for', 'unroutable sender address',
  'you are not allowed to post to this mailing list', 'you are sending to/from an address that has been blacklisted',
  'your access to submit messages to this e-mail system has been rejected', 'your email address has been blacklisted',
);

export const authFailure = phrases(
  String.raw`//spf\.pobox\.com`, 'bad spf records for', 'dmarc policy', 'please inspect your spf settings',
  String.raw`sender policy framework (?:\(spf\) fail|violation)`,
  String.raw`spf \(sender policy framework\) domain authentication fail`, 'spf check: fail',
  String.raw` is not allowed to send mail\.…_401`, "is not allowed to send from <… per it's spf record",
);

export const badReputation = phrases(
  'a poor email reputation score', 'has been temporarily rate limited due to ip reputation',
  'ip/domain reputation problems', 'likely suspicious due to the very low reputation', 'none/bad reputation',
  'temporarily deferred due to unexpected volume or user complaints', "the sending mta's poor reputation",
);

export const requirePtr = phrases(
  String.raw`access denied\. ip name lookup failed`,
  'all mail servers must have a ptr record with a valid reverse dns entry', 'bad dns ptr resource record',
  'cannot find your hostname', String.raw`cannot resolve your address\.`, 'fix reverse dns for ',
  'ips with missing ptr records', String.raw`no ptr record found\.`,
  'please get a custom reverse dns name from your isp for your host', 'ptr record setup', 'reverse dns failed',
  'reverse dns required', 'sender ip reverse lookup rejected',
  'the corresponding forward dns entry does not point to the sending ip',
  'this system will not accept messages from servers/devices with no reverse dns', 'unresolvable relay host name',
  'we do not accept mail from hosts with dynamic ip or generic dns ptr-records', 'domain … mismatches client ip',
  'dns lookup failure: … try again later', 'reverse dns lookup for host … failed permanently',
  'server access … forbidden by invalid rdns record of your mail server',
  'service permits … unverifyable sending ips',
);

export const policyViolation = phrases(
  'an illegal attachment on your message', 'because the recipient is not accepting mail with ',
  'by non-member to a members-only list', 'closed mailing list', 'denied by policy',
  'email not accepted for policy reasons', 'email rejected due to security policies', 'header are not accepted',
  'header error', 'local policy violation', 'message bounced due to organizational settings',
  'message given low priority', 'message not accepted for policy reasons', 'message rejected due to local policy',
  'messages with multiple addresses', 'rejected for policy reasons', 'protocol violation',
  'the email address used to send your message is not subscribed to this group',
  'the message was rejected by organization policy',
  'this message was blocked because its content presents a potential',
  'we do not accept messages containing images or other attachments', "you're using a mass mailer",
  'you have exceeded the…allowable number of posts without solving a captcha',
);

export const securityError = phrases(
  'account not subscribed to ses', 'authentication credentials invalid', 'authentication failure',
  'authentication required', 'authentication turned on in your email client',
  'executable files are not allowed in compressed files', 'insecure mail relay',
  'recipient address rejected: access denied',
  "sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts",
  'unauthenticated senders not allowed', 'verification failure',
  'you are not authorized to send mail, authentication is required', 'authentication failed; server … said: ',
  'authentification invalide…305', 'authentification requise…402', 'domain … is a dead domain',
  'user … is not authorized to perform ses:sendrawemail on resource',
);

export const noRelaying = phrases(
  'as a relay', String.raw`email address is not verified\.`, 'insecure mail relay',
  'is not permitted to relay through this server without authentication',
  'mail server requires authentication when attempting to send to a non-local e-mail address', 'no relaying',
  'not a gateway', 'not allowed to relay through this machine', 'not an open relay, so get lost', 'not local host',
  'relay access denied', 'relay denied', 'relaying mail to ', 'relay not permitted', 'relaying denied',
  'specified domain is not allowed', "that domain isn't in my list of allowed rcpthost",
  'this system is not configured to relay mail', 'unable to relay for', "we don't handle mail for",
);

export const virusDetected = phrases(
  'it has a potentially executable attachment',
  'the message was rejected because it contains prohibited virus or spam content',
  'this form of attachment has been used by recent viruses or other malware', 'virus detected',
  'virus phishing/malicious_url detected', 'your message was infected with a virus',
);

export const contentError = phrases(
  'duplicate header', 'header size exceeds maximum permitted', 'improper use of 8-bit data in message header',
  'message header size, or recipient list, exceeds policy limit', 'message mime complexity exceeds the policy maximum',
  'routing loop detected -- too many received: headers', 'this message contain invalid mime headers',
  'this message contain improperly-formatted binary content',
  'this message contain text that uses unnecessary base64 encoding',
);

export const notCompliantRfc = phrases(
  'duplicate header', 'this message is not rfc 5322 compliant',
  String.raw`https://support\.google\.com/mail/\?p=rfcmessagenoncompliant`, ' multiple … header',
);

export const speeding = phrases(
  'mail sent from your ip address has been temporarily rate limited', 'please try again slower',
  'receiving mail at a rate that prevents additional messages from being delivered',
);

export const tooManyConn = phrases(
  'all available ips are at maximum connection limit', 'connection rate limit exceeded',
  'exceeds per-domain connection limit for', 'has exceeded the max emails per hour ',
  'throttling failure: (?:daily message quota|maximum sending rate) exceeded', 'too many connections',
  'too many concurrent smtp connections', 'too many errors from your ip', 'too many recipients',
  'too many smtp sessions for this host', 'trop de connexions, ',
  'we have already made numerous attempts to deliver this message',
);

export const failedStartTls = phrases('starttls is required to send mail', 'tls required but not supported');

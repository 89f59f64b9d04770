import { phrases } from './pattern';

/**
 * Phrases that blame the recipient's address or mailbox. Collected from real server replies; the lists follow
 * Sisimai's lib/sisimai/reason/*.pm (BSD-2, azumakuniyuki), regrouped into patterns. Matched against a diagnostic
 * whose whitespace is already collapsed.
 */

export const userUnknown = phrases(
  String.raw`#5\.1\.1 bad address`, '550 address invalid', String.raw`5\.1\.0 address rejected\.`,
  'address (?:does not exist|not present in directory|unknown)', "can't accept user", String.raw`does not exist\.`,
  'destination (?:addresses were unknown|server rejected recipients)',
  'email address (?:does not exist|could not be found)', 'invalid (?:address|mailbox|recipient)',
  'is not (?:a known user|a valid mailbox|an active address at this host)',
  'mailbox (?:does not exist|invalid|is inactive|is unavailable|not present|not found|unavaiable)',
  'nessun utente simile in questo indirizzo', 'no existe (?:dicha persona|ese usuario )',
  'no account by that name here', 'no mail ?box available for this user',
  'no mailbox (?:by that name is currently available|found)',
  'no such (?:address here|mailbox|person at this address|recipient|user)',
  'no thank you rejected: account unavailable', 'no valid recipients, bye',
  'not a valid (?:recipient|user here)', 'not a local address', 'not email addresses',
  String.raw`recipient address rejected\. \(in reply to rcpt to command\)`,
  'recipient address rejected: (?:access denied|invalid[ -](?:user|recipient)|unknown user|userunknown)',
  'recipient (?:does not exist|is not accepted|is not local|not exist|not found|not ok|unknown)',
  'recipient refuses to accept your mail',
  'requested action not taken: mailbox unavailable', String.raw`resolver\.adr\.recip(?:ient)? ?notfound`,
  "sorry, (?:user unknown|badrcptto|no mailbox here by that name|your envelope recipient has been denied)",
  "that domain or user isn't in my list of allowed rcpthosts",
  'the email account that you tried to reach does not exist', 'the following recipients was undeliverable',
  "the user's email name is not found", 'there is no one at this address', 'this address no longer accepts mail',
  'this email address is wrong or no longer valid',
  'this recipient is (?:in my badrecipientto list|not in my validrcptto list)', 'this spectator does not exist',
  'unknown (?:mailbox|recipient|user)',
  'user (?:does not exist|missing home directory|not active|not exist|not found|not known|unknown)',
  'utilisateur inconnu !', 'vdeliver: invalid or unknown virtual user',
  'your envelope recipient is in my badrcptto list',
  '<…> not found', String.raw`<…>\.\.\. blocked by `, 'account … does not exist at the organization',
  String.raw`adresse d au moins un destinataire invalide\. invalid recipient\.…41[68]`, 'bad…recipient',
  'mailbox …does not exist', 'mailbox …unavailable or access denied', 'no … in name directory',
  'non…existent user',
  'rcpt <… does not exist', String.raw`rcpt \(…t exist `, 'recipient … was not found in',
  'recipient address rejected: user … does not exist', 'recipient address rejected: user unknown in … table',
  'said: 550[- ]5\\.1\\.1 … user unknown ', "this user doesn't have a … account", 'unknown e…mail address',
  'unknown local…part', 'user … was not found', 'user … does not exist', String.raw`user \(…\) unknown`,
);

export const hostUnknown = phrases(
  'domain does not exist', 'domain is not reachable', 'domain must exist', 'host or domain name not found',
  'host unknown', 'host unreachable', 'mail domain mentioned in email address is unknown', 'name or service not known',
  'no such domain', 'recipient address rejected: unknown domain name', 'recipient domain must exist',
  'the account or domain may not exist', 'unknown host', 'unrout(?:e)?able address', '553 … does not exist',
);

export const mailboxFull = phrases(
  '452 insufficient disk space', 'account disabled temporarly for exceeding receiving limits',
  'account is (?:exceeding their quota|over quota|temporarily over quota)', 'boite du destinataire pleine',
  'delivery failed: over quota', 'disc quota exceeded', 'diskspace quota', 'does not have enough space',
  'exceeded storage allocation', 'exceeding its mailbox quota', 'full mailbox', 'is over disk quota',
  'is over quota temporarily', 'mail file size exceeds the maximum size allowed for mail delivery',
  'mail quota exceeded', 'mailbox exceeded the local limit', 'mailbox full',
  'mailbox has exceeded its disk space limit',
  'mailbox is full', 'mailbox over quota', 'mailbox quota usage exceeded', 'mailbox size limit exceeded',
  'maildir over quota', 'maildir delivery failed: (?:user|domain)disk quota ', 'mailfolder is full',
  'no space left on device', 'not enough (?:disk|storage) space', 'not sufficient disk space', 'over the allowed quota',
  'quota exceeded', 'quota violation for', 'recipient reached disk quota',
  'recipient rejected: mailbox would exceed maximum allowed storage',
  'the recipient mailbox has exceeded its disk space limit', "the user's space has been used up",
  'the user you are trying to reach is over quota', 'too much mail data', 'user has exceeded quota, bouncing mail',
  'user has too many messages on the server', 'user is over (?:the )?quota', 'user over quota',
  'was automatically rejected: quota exceeded', 'would be over the allowed quota',
);

export const suspend = phrases(
  ' is currently suspended', ' temporary locked', 'archived recipient', 'boite du destinataire archivee',
  'email account that you tried to reach is disabled', 'has been suspended', 'inactive account',
  'invalid/inactive user', 'is a deactivated mailbox', 'is unavailable: user is terminated',
  'mailbox currently suspended', 'mailbox disabled', 'mailbox is frozen', 'mailbox unavailable or access denied',
  'recipient rejected: temporarily inactive', 'recipient suspend the service',
  'this account has been (?:disabled or discontinued|temporarily suspended)', 'this address no longer accepts mail',
  'this mailbox is disabled', 'user or domain is disabled', 'user suspended',
  'vdelivermail: account is locked email bounced',
);

export const filtered = phrases(
  'because the recipient is only accepting mail from specific email addresses', 'bounced address',
  'due to extended inactivity new mail is not currently being accepted for this mailbox', 'has restricted sms e-mail',
  'is not accepting any mail', 'message filtered', 'message rejected due to user rules', 'not found recipient account',
  'refused due to recipient preferences', String.raw`resolver\.rst\.notauthorized`, 'this account is protected by',
  'user not found', 'user refuses to receive this mail', 'user reject',
  'we failed to deliver mail because the following address recipient id refuse to receive mail',
  'you have been blocked by the recipient',
);

export const hasMoved = phrases(' has been replaced by ');

export const notAccept = phrases(
  String.raw`does not accept mail \(nullmx\)`, 'host/domain does not accept mail', 'host does not accept mail',
  'mail receiving disabled', String.raw`name server: \.: host not found`, 'no mx record found for domain=',
  'no route for current request', 'smtp protocol returned a permanent error',
);

export const exceedLimit = phrases('message header size exceeds limit', 'message too large');

export const mesgTooBig = phrases(
  'exceeded maximum inbound message size', 'exceeded the maximum incoming message size', 'line limit exceeded',
  'max message size exceeded', 'message file too big', 'message length exceeds administrative limit',
  'message size exceeds (?:fixed limit|fixed maximum message size|maximum value)', 'message too big',
  'message too large for this ', 'size limit', 'taille limite du message atteinte',
);

export const vacation = phrases(
  'i am away on vacation', 'i am away until', 'i am out of the office', 'i will be traveling for work on',
);

import type { Reason } from '../schema';

/**
 * Sentences particular mail programs write for a particular failure, from the MTA modules of Sisimai
 * (lib/sisimai/lhost/*.pm, BSD-2). Each family reads its own table; the generic reader, meeting an unknown
 * format, reads all of them, because the same software text turns up behind other products (Exim inside Mail.ru,
 * qmail inside Yahoo). Matching is case-sensitive on purpose: these are fixed program messages, not free text.
 */
export type HintTable = ReadonlyArray<readonly [Reason, readonly string[]]>;

/** The reason the first sentence of `table` found in `text` implies, undefined when none appears. */
export function hintFrom(table: HintTable, text: string): Reason | undefined {
  for (const [reason, sentences] of table) {
    if (sentences.some((sentence) => text.includes(sentence))) return reason;
  }
  return undefined;
}

/** Every family's sentences together, for the generic reader. */
export const knownSentences: HintTable = [
  ['onhold', ['Each of the following recipients was rejected by a remote mail server']],
  ['hostunknown', [
    'all host address lookups failed permanently', 'all relevant MX records point to non-existent hosts',
    'Unrouteable address', "Sorry, I couldn't find any host ", 'DNS Error: Domain name not found',
    'DNS Error: DNS server returned answer with no data', 'No such domain.', 'Illegal host/domain name found',
    'DNS lookup failure: host ', 'As the remote domain doesnt exist', 'Invalid domain name', 'Domain does not exist',
  ]],
  ['mailboxfull', [
    'mailbox is full', 'error: quota exceed', 'disk quota exceeded',
    "The number of messages in recipient's mailbox exceeded the local limit.", 'As their mailbox is full',
    'User mailbox exceeds allowed size', 'The user(s) account is temporarily over quota',
  ]],
  ['notaccept', [
    'an MX or SRV record indicated no SMTP service', 'no host found for existing SMTP connection',
    "Sorry, I couldn't find a mail exchanger or IP address", 'Destination seem to reject all mails',
    'No MX found for domain', 'No MX found for destination', 'Null MX',
  ]],
  ['syntaxerror', [
    'angle-brackets nested too deep', 'expected word or "<"', 'domain missing in source-routed address',
    'malformed address:',
  ]],
  ['systemerror', [
    'delivery to file forbidden', 'delivery to pipe forbidden', 'local delivery failed', 'LMTP error after ',
    'bad interpreter: No such file or directory', 'Automatic homedir creator crashed',
    'Illegal value in LDAP attribute', 'LDAP attribute is not given but mandatory',
    'Timeout while performing search on LDAP server', 'Too many results returned but needs to be unique',
    'Permanent error while executing qmail-forward', 'Temporary error in automatic homedir creation',
    'Temporary error while executing qmail-forward', 'Temporary failure in LDAP lookup',
    'Unable to contact LDAP server',
    'Unable to login into LDAP server, bad credentials', "This domain's DNS violates RFC 1035.",
    'Several matches found in Domino Directory',
  ]],
  ['contenterror', ['Too many "Received" headers']],
  ['expired', [
    'retry timeout exceeded', 'No action is required on your part',
    'retry time not reached for any host after a long failure period',
    'all hosts have been failing for a long time and were last tried', 'Delay reason: ', 'has been frozen',
    'was frozen on arrival by ', 'this message has been in the queue too long.',
    'Delivery to the following recipient has been delayed',
    'The recipient server did not accept our requests to connect', 'DNS Error: Could not contact DNS servers',
    'Envelope expired', 'Could not deliver for the last ', 'Your message was not delivered within ',
    'Host not reachable',
  ]],
  ['networkerror', [
    "Sorry, I wasn't able to establish an SMTP connection",
    "Sorry. Although I'm listed as a best-preference MX or A for that host", 'DNS lookup failed.',
    'Address family mismatch on destination MXs', 'All routes to destination blocked', 'bad DNS lookup error code',
    'Could not retrieve source address', 'Loop detected', 'Network error on destination MXs',
    'No valid route to remote MX', 'No valid route to destination', 'Temporary failure in MX lookup',
    'Message has exceeded maximum hop count',
  ]],
  ['userunknown', [
    'user not found', 'no mailbox here by that name', 'not listed in Domino Directory',
    'not listed in public Name & Address Book', 'no se encuentra en el Directorio de Domino',
    "non répertorié dans l'annuaire Domino", 'Domino ディレクトリには見つかりません',
    'ディレクトリのリストにありません',
    'Unknown user', 'Invalid final delivery userid',
    "because the address couldn't be found. Check for typos or unnecessary spaces and try again.",
  ]],
  ['mesgtoobig', ['Message size exceeds fixed maximum message size:', 'Mail size limit exceeded']],
  ['systemfull', ['Requested action not taken: mailbox unavailable (not enough free space)']],
  ['exceedlimit', ['The message exeeded the maximum size the user accepts']],
  ['suspend', [
    'Mailaddress is administrativly disabled', 'Mailaddress is administrativley disabled',
    'Mailaddress is administratively disabled', 'Mailaddress is administrativeley disabled',
    'The user(s) account is disabled.', 'The user(s) account is temporarily limited.',
  ]],
  ['filtered', ['Cannot route mail to user', 'Mail Delivery Failed... User unknown']],
  ['securityerror', ['Could not retrieve credentials']],
  ['virusdetected', ['Requested action not taken: virus detected']],
  ['spamdetected', ['Blacklisted URL in message']],
  ['norelaying', ['Due to the following SMTP relay error']],
  ['mailererror', ['pipe to |']],
];


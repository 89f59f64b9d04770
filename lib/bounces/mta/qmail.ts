import type { Reason } from '../schema';
import { findCommand } from '../smtp';
import { hintFrom, type HintTable } from './hints';
import { addressLed, scanBlocks } from './scan';
import type { TextFormat } from './types';

/**
 * qmail and the services built on it (Yahoo's "Sorry, we were unable to deliver your message", X4, many hosting
 * providers): "<user@example.jp>:" on its own line, then qmail-remote's account of the session ("Connected to
 * 192.0.2.1 but sender was rejected.", "Remote host said: 550 ..."), then "--- Below this line is a copy".
 */
const starts = [
  /Hi\. This is the qmail/, /He\/Her is not /, /unable to deliver your message to the following addresses/i,
  /Su mensaje no pudo ser entregado/, /Sorry, we were unable to deliver your message to the following address/,
  /This is the machine generated message from mail service/, /This is the mail delivery agent at/,
  /Unable to deliver message to the following address/,
  /Unfortunately, your mail was not delivered to the following address:/,
  /Your mail message to the following address/, /Your message to the following addresses/, /We're sorry\./,
];
const ends = [
  /^--- Below (?:this|the next) line is a copy of the (?:message|mail header)/, /^--- Mensaje original adjunto/,
  /^--- Enclosed is a copy of the message/, /^(?:--- )?Original message follows/, /^Content-Type: message\/rfc822/i,
];

// qmail-remote says how far the SMTP session got; that is the command the failure followed.
const sessionStages: ReadonlyArray<readonly [string, RegExp]> = [
  ['CONN', / but greeting failed\./],
  ['EHLO', / but my name was rejected\./],
  ['MAIL', / but sender was rejected\./],
  ['RCPT', / does not like recipient\./],
  ['DATA', / failed on DATA command| failed after I sent the message/],
];

const qmailSentences: HintTable = [
  ['hostunknown', ["Sorry, I couldn't find any host "]],
  ['mailboxfull', ['disk quota exceeded']],
  ['mesgtoobig', ['Message size exceeds fixed maximum message size:']],
  ['networkerror', [
    "Sorry, I wasn't able to establish an SMTP connection",
    "Sorry. Although I'm listed as a best-preference MX or A for that host",
  ]],
  ['notaccept', ["Sorry, I couldn't find a mail exchanger or IP address"]],
  ['systemfull', ['Requested action not taken: mailbox unavailable (not enough free space)']],
  ['userunknown', ['no mailbox here by that name']],
  // Errors of the LDAP/vpopmail add-ons qmail installations commonly run.
  ['exceedlimit', ['The message exeeded the maximum size the user accepts']],
  ['suspend', [
    'Mailaddress is administrativly disabled', 'Mailaddress is administrativley disabled',
    'Mailaddress is administratively disabled', 'Mailaddress is administrativeley disabled',
  ]],
  ['systemerror', [
    'bad interpreter: No such file or directory', 'system error', 'Unable to', 'Automatic homedir creator crashed',
    'Illegal value in LDAP attribute', 'LDAP attribute is not given but mandatory',
    'Timeout while performing search on LDAP server', 'Too many results returned but needs to be unique',
    'Permanent error while executing qmail-forward', 'Temporary error in automatic homedir creation',
    'Temporary error while executing qmail-forward', 'Temporary failure in LDAP lookup',
  ]],
];
const queuedTooLong = 'this message has been in the queue too long.';

function qmailHint(diagnostic: string, remoteSaid: string, command: string): Reason | undefined {
  if (command === 'EHLO' || command === 'HELO') return 'blocked';
  // Refused recipient, retried until the queue gave up: the reply itself must decide.
  if (diagnostic.includes(' does not like recipient.') && diagnostic.includes(queuedTooLong)) return 'onhold';
  for (const text of [remoteSaid, diagnostic]) {
    const known = text && hintFrom(qmailSentences, text);
    if (known) return known;
    if (text.includes(queuedTooLong)) return 'expired';
  }
  return undefined;
}

export const qmail: TextFormat = {
  name: 'qmail',
  detect(mail) {
    if (/^failure notice$/i.test(mail.header('subject').trim())) return true;
    const received = mail.headers.get('received') ?? [];
    if (received.some((value) => /\(qmail \d+ invoked for bounce\)/.test(value))) return true;
    return /Hi\. This is the qmail/.test(mail.text);
  },
  parse(mail) {
    const { blocks } = scanBlocks(mail.text, {
      start: starts,
      end: ends,
      recipientLine: (line) => (line.startsWith('<') && line.includes('>:') ? addressLed(line) : undefined),
      blockEnd: 'report',
    });
    return blocks.map((block) => {
      const diagnostic = block.lines.join(' ');
      const remoteSaid = block.lines.find((line) => line.startsWith('Remote host said:')) ?? '';
      const stage = sessionStages.find(([, pattern]) => pattern.test(diagnostic))?.[0];
      const farEnough = diagnostic.includes('no SMTP connection got far enough');
      const command = stage ?? (farEnough ? findCommand(diagnostic) : '');
      return {
        recipient: block.recipient,
        diagnostic: block.lines.join('\n'),
        command: command || findCommand(diagnostic) || undefined,
        hint: qmailHint(diagnostic, remoteSaid, command),
      };
    });
  },
};

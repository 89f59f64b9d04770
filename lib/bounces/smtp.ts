/** SMTP reply codes (RFC 5321 §4.2) and commands as they appear in bounce texts. */

// Search order matters: with several codes in one text the first listed wins, so the common, specific failures
// (550 mailbox, 552 storage, 553 name) beat the generic 554 "transaction failed" that often wraps them.
const replyCodes: Record<string, readonly string[]> = {
  '5': ['550', '552', '553', '551', '521', '525', '502', '520', '523', '524', '530', '533', '534', '535', '538',
    '555', '556', '554', '557', '500', '501', '503', '504'],
  '4': ['421', '450', '451', '452', '422', '430', '432', '453', '454', '455', '456', '458', '459'],
  '2': ['211', '214', '220', '221', '235', '250', '251', '252', '253', '354'],
};

export function isReplyCode(text: string): boolean {
  if (!/^[245]\d\d$/.test(text)) return false;
  return Object.values(replyCodes).some((codes) => codes.includes(text));
}

/**
 * The SMTP reply code in a diagnostic text, '' when none. A code counts only standing alone (not inside a number,
 * a status code, an IP address). `replyClass` ('4', '5') restricts the search to that class.
 */
export function findReplyCode(text: string, replyClass = ''): string {
  if (text.length < 3 || /x-unix/i.test(text)) return '';
  const standing = new Set<string>();
  for (const match of text.matchAll(/(?<![\d.])([245]\d\d)(?![\d.])/g)) standing.add(match[1] ?? '');
  if (standing.size === 0) return '';
  const classes = replyClass in replyCodes ? [replyClass] : ['5', '4', '2'];
  for (const first of classes) {
    const code = replyCodes[first]?.find((candidate) => standing.has(candidate));
    if (code) return code;
  }
  return '';
}

export type SmtpCommand = 'CONN' | 'HELO' | 'EHLO' | 'STARTTLS' | 'AUTH' | 'MAIL' | 'RCPT' | 'DATA' | 'QUIT';

// In session order: when a text names several commands, the failure happened at the latest one.
const commandPatterns: ReadonlyArray<[SmtpCommand, RegExp]> = [
  ['HELO', /(?<![A-Za-z0-9@])HELO(?![A-Za-z0-9@])/],
  ['EHLO', /(?<![A-Za-z0-9@])EHLO(?![A-Za-z0-9@])/],
  ['STARTTLS', /\bSTARTTLS\b/],
  ['AUTH', /\bAUTH (?:PLAIN|LOGIN|CRAM-|DIGEST-)/],
  ['MAIL', /\bMAIL F/],
  ['RCPT', /(?<![A-Za-z0-9@])RCPT(?![A-Za-z0-9@])/],
  ['DATA', /(?<![A-Za-z0-9@])DATA(?![A-Za-z0-9@])/],
  ['QUIT', /(?<![A-Za-z0-9@])QUIT(?![A-Za-z0-9@])/],
];

/** The SMTP command a text says the failure followed ("in reply to RCPT TO command", ">>> DATA"), or ''. */
export function findCommand(text: string): SmtpCommand | '' {
  let found: SmtpCommand | '' = '';
  for (const [command, pattern] of commandPatterns) {
    if (pattern.test(text)) found = command;
  }
  return found;
}

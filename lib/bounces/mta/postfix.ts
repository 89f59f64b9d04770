import { findAddresses } from '../address';
import { parseHeaderBlock } from '../mime';
import type { DeliveryRecord } from '../record';
import { findCommand } from '../smtp';
import { toLines } from '../text';
import type { TextFormat } from './types';

/**
 * Postfix's notices that are not ordinary RFC 3464 reports (those read well as RFC 3464 plus the generic text):
 * the SMTP-server error notice ("Postfix SMTP server: errors from ...", an In:/Out: session transcript), and the
 * bounce whose delivery report was lost ("--- Delivery report unavailable ---"), which names no recipient at all.
 */
const transcriptNotice = /SMTP server: errors from /;
const reportUnavailable = /--- Delivery report unavailable ---/;

/** Recipients and errors of an In:/Out: transcript: an error reply belongs to the last RCPT TO given. */
function fromTranscript(text: string): DeliveryRecord[] {
  const records: DeliveryRecord[] = [];
  let command = '';
  let current: DeliveryRecord | undefined;
  let last: { direction: 'In' | 'Out'; text: string } | undefined;
  const lines: Array<{ direction: 'In' | 'Out'; text: string }> = [];
  for (const line of toLines(text)) {
    const match = /^\s*(In|Out):\s+(.*)$/.exec(line);
    if (match) {
      last = { direction: match[1] as 'In' | 'Out', text: match[2] ?? '' };
      lines.push(last);
    } else if (last && /^\s{3,}\S/.test(line)) last.text += ` ${line.trim()}`; // folded long command
  }
  for (const { direction, text: said } of lines) {
    if (direction === 'In') {
      command = findCommand(said.toUpperCase().startsWith('MAIL') ? 'MAIL F' : said) || command;
      const rcpt = /^RCPT TO:\s*<([^>]+)>/i.exec(said);
      if (rcpt) {
        current = { recipient: findAddresses(rcpt[1] ?? '')[0] ?? '', diagnostic: '' };
        if (current.recipient) records.push(current);
      }
    } else if (/^[45]\d\d[ -]/.test(said) && current && !current.diagnostic) {
      current.diagnostic = said;
      current.command = command;
    }
  }
  return records.filter((record) => record.diagnostic);
}

export const postfix: TextFormat = {
  name: 'postfix',
  detect: (mail) => transcriptNotice.test(mail.header('subject')) || reportUnavailable.test(mail.text),
  parse(mail) {
    if (transcriptNotice.test(mail.header('subject'))) return fromTranscript(mail.text);
    const to = parseHeaderBlock(mail.originalHeaders).get('to')?.[0] ?? '';
    const recipient = findAddresses(to)[0];
    return recipient ? [{ recipient, diagnostic: '' }] : [];
  },
};

import { extractAddress } from '../address';
import { hasDeliveryStatusFields } from '../dsn';
import type { DeliveryRecord } from '../record';
import { findCommand, findReplyCode } from '../smtp';
import { findStatus } from '../status';
import { toLines } from '../text';
import { addressLed } from './scan';
import type { TextFormat } from './types';

/**
 * Sendmail (and Sendmail-like daemons: Activehunter, Biglobe, X1, Zoho's delay notice): a "The following addresses
 * had permanent fatal errors" list, then "Transcript of session follows" with ">>> command" / "<<< reply" lines.
 * Usually beside an RFC 3464 part, which names the recipients; the transcript adds the command and the exact reply.
 */
const addressesHeading = /^\s*-*\s*The following addresses had (?:permanent )?(?:fatal |delivery )?(?:error|problem)s/i;
const transcriptHeading = /^\s*-+ ?Transcript of session follows -+/i;

/** A transcript line that reports an error (a reply, a line with both codes, or Sendmail's own remark). */
function isErrorLine(line: string): boolean {
  if (/^[245]\d\d[ -]/.test(line) || /^(?:Message|Warning): /.test(line)) return true;
  return Boolean(findReplyCode(line) && findStatus(line));
}

export const sendmail: TextFormat = {
  name: 'sendmail',
  detect(mail) {
    const subject = mail.header('subject');
    if (/see transcript for details\s*$|^Warning: could not send message/i.test(subject)) return true;
    // Other subjects: only without RFC 3464 fields, which are read better together with the whole notice.
    if (mail.deliveryStatus.length > 0 || hasDeliveryStatusFields(mail.text)) return false;
    return /^\s*-*\s*The following addresses had/im.test(mail.text) ||
      /^ *-+ ?Transcript of session follows -+/m.test(mail.text);
  },
  parse(mail) {
    const recipients = new Map<string, string[]>();
    let section: 'none' | 'addresses' | 'transcript' = 'none';
    let current: string[] | undefined;
    let command = '';
    let remoteMta = '';
    const replies: string[] = [];
    for (const line of toLines(mail.text)) {
      if (addressesHeading.test(line)) section = 'addresses';
      else if (transcriptHeading.test(line)) section = 'transcript';
      else if (/^-+ ?(?:Original message|Unsent message follows)|^Content-Type: message\//i.test(line)) break;
      else if (section === 'addresses') {
        const zohoStyle = /Address: <([^>]+)>/.exec(line);
        const led = zohoStyle ? { address: extractAddress(zohoStyle[1] ?? ''), rest: line } : addressLed(line);
        if (led?.address) {
          current = recipients.get(led.address) ?? [];
          recipients.set(led.address, current);
          if (led.rest) current.push(led.rest);
        } else if (current && /^\s*\((?:reason|expanded from)/i.test(line)) {
          current.push(line.trim().replace(/^\((?:reason:\s*)?|\)$/g, ''));
        } else if (current && line.trim() && !/^\s*(?:\(expanded from|-{3,})/i.test(line)) current.push(line.trim());
      } else if (section === 'transcript') {
        const trimmed = line.trim();
        if (trimmed.startsWith('>>> ')) command ||= findCommand(trimmed);
        else if (trimmed.startsWith('<<< ')) {
          if (!replies.some((reply) => reply.includes(trimmed.slice(4)))) replies.push(trimmed.slice(4));
        } else if (/while talking to /i.test(trimmed)) {
          remoteMta = /while talking to ([^\s:]+?)\.?:/i.exec(trimmed)?.[1]?.toLowerCase() ?? remoteMta;
        } else {
          const named = /^<?([^\s<>]+@[^\s<>]+?)>?\.\.\.\s*(.*)$/.exec(trimmed);
          const address = named ? extractAddress(named[1] ?? '') : '';
          const onlyOne = recipients.size === 1 ? [...recipients.values()][0] : undefined;
          const target = address ? recipients.get(address) ?? onlyOne : undefined;
          if (named && target) target.push(named[2] ?? '');
          else if (named && address) recipients.set(address, [named[2] ?? '']);
          else if (trimmed && isErrorLine(trimmed)) {
            for (const lines of recipients.values()) lines.push(trimmed);
          }
        }
      }
    }
    const single = recipients.size === 1;
    return [...recipients.entries()].map(([recipient, lines]): DeliveryRecord => {
      const diagnostic = lines.join('\n');
      // The remote replies ("<<< ...") belong to the one recipient when there is one; Sendmail reads them with the
      // Diagnostic-Code, the other transcript lines only when that field is empty.
      const context = single && replies.length > 0 ? replies.join('\n') : '';
      return {
        recipient,
        diagnostic: diagnostic || context,
        context,
        command: command || findCommand(`${context} ${diagnostic}`) || (replies.length > 0 ? 'EHLO' : '') || undefined,
        remoteMta: remoteMta || undefined,
      };
    });
  },
};

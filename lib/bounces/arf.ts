import { extractAddress, findAddresses } from './address';
import { parseHeaderBlock, type ParsedMail } from './mime';
import type { DeliveryRecord } from './record';
import { sweep } from './text';

/**
 * Complaint reports: ARF (RFC 5965, message/feedback-report) as sent by mailbox providers' feedback loops, and the
 * older non-ARF variants Hotmail and Amazon SES used ("complaint about message from ..."). The complained-about
 * recipient is Original-Rcpt-To / Removal-Recipient when given, else the To: of the returned message.
 */

function isComplaint(mail: ParsedMail): boolean {
  if (mail.feedbackReport.length > 0) return true;
  const type = mail.header('content-type').toLowerCase();
  if (/report-type\s*=\s*"?feedback-report/.test(type)) return true;
  if (/complaint about message from /i.test(mail.header('subject')) &&
      /staff@hotmail\.com|complaints@email-abuse\.amazonses\.com/i.test(mail.header('from'))) return true;
  return mail.header('x-apple-unsubscribe').toLowerCase() === 'true';
}

function reportFields(mail: ParsedMail): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [name, values] of parseHeaderBlock(mail.feedbackReport.join('\n'))) fields.set(name, [...values]);
  if (fields.size === 0) {
    // Some senders put the report fields in the text part instead of a message/feedback-report part.
    const inline = /^Feedback-Type:[\s\S]*/im.exec(mail.text)?.[0] ?? '';
    for (const [name, values] of parseHeaderBlock(inline)) fields.set(name, [...values]);
  }
  return fields;
}

/** Complaint records, or undefined when the message is not a complaint report. */
export function readComplaint(mail: ParsedMail): DeliveryRecord[] | undefined {
  if (!isComplaint(mail)) return undefined;
  const fields = reportFields(mail);
  const feedbackType = (fields.get('feedback-type')?.[0] ?? '').toLowerCase() || undefined;
  const named = [...(fields.get('original-rcpt-to') ?? []), ...(fields.get('removal-recipient') ?? [])]
    .map((value) => extractAddress(value))
    .filter(Boolean);
  let recipients = [...new Set(named)];
  if (recipients.length === 0) {
    const original = parseHeaderBlock(mail.originalHeaders);
    recipients = findAddresses(original.get('to')?.[0] ?? '').slice(0, 1);
  }
  if (recipients.length === 0 && mail.header('x-apple-unsubscribe').toLowerCase() === 'true') {
    recipients = findAddresses(mail.header('from')).slice(0, 1);
    const diagnostic = sweep(mail.text);
    return recipients.map((recipient) => ({ recipient, diagnostic, hint: 'feedback', feedbackType: 'opt-out' }));
  }
  const diagnostic = sweep(mail.text).slice(0, 500);
  return recipients.map((recipient) => ({ recipient, diagnostic, hint: 'feedback', feedbackType }));
}

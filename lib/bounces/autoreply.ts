import { findAddresses } from './address';
import type { ParsedMail } from './mime';
import type { DeliveryRecord } from './record';
import { sweep } from './text';

/**
 * Auto-replies (RFC 3834: Auto-Submitted, plus the de-facto Precedence and subject markers). Not bounces: the mail
 * arrived and a person's vacation robot answered. Reported as reason "vacation", class "ignore", for the sender of
 * the reply, so an ingest can show it without counting it.
 */

const autoSubject = new RegExp(`^(?:${[
  'auto:', 'auto response:', 'automatic reply:', 'autoreply:', 'out of (?:the )?office:', 'abwesenheitsnotiz:',
  'r[ée]ponse automatique:',
].join('|')})`, 'i');

function isAutoReply(mail: ParsedMail): boolean {
  const from = mail.header('from').toLowerCase();
  const subject = mail.header('subject').toLowerCase();
  // Daemons and security notices also set Auto-Submitted; they are not someone's vacation reply.
  if (/(?:^|[<\s])(?:root|postmaster|mailer-daemon)@/.test(from)) return false;
  if (/^root@|<root@/.test(mail.header('to').toLowerCase())) return false;
  if (/security information for|mail failure -/.test(subject)) return false;
  const submitted = mail.header('auto-submitted').toLowerCase();
  if (/^auto-(?:replied|generated|notified)/.test(submitted)) return true;
  if (mail.header('precedence').toLowerCase().startsWith('auto_reply')) return true;
  if (mail.header('x-apple-action').toLowerCase().startsWith('vacation')) return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  return autoSubject.test(subject);
}

/** A vacation record for the replying address, or undefined when the message is not an auto-reply. */
export function readAutoReply(mail: ParsedMail): DeliveryRecord[] | undefined {
  if (!isAutoReply(mail)) return undefined;
  const recipient = findAddresses(mail.header('from'))[0] ?? findAddresses(mail.header('return-path'))[0];
  if (!recipient) return undefined;
  return [{ recipient, diagnostic: sweep(mail.text).slice(0, 500), hint: 'vacation' }];
}

import { findAddresses } from '../address';
import type { ParsedMail } from '../mime';
import type { DeliveryRecord } from '../record';
import { findCommand } from '../smtp';
import { hintFrom, knownSentences } from './hints';
import { addressLed, labelled, ownAddresses, scanBlocks, type RecipientLine } from './scan';
import type { TextFormat } from './types';

/**
 * Lines after which the returned message follows, as the common MTAs write them. Shared by the families and by the
 * generic reader, which needs them to stop before the original message's own addresses.
 */
export const originalFollows: readonly RegExp[] = [
  /^-+ ?This is a copy of the message/i,
  /^-+ ?Below (?:this|the next) line is a copy of the (?:message|mail header)/i,
  /^-+ ?Enclosed is a copy of the message/i,
  /^(?:-+ ?)?Original message follows\.?/i,
  /^-+ ?Original (?:message|mail) -+/i,
  /^-+ ?Message header follows -+/i,
  /^-+ ?The header of the original message is following/i,
  /^\s*Below is a copy of the original message:/i,
  /^Message headers follow/i,
  /^\s*-+ ?(?:Unsent message follows|No message was collected) -+/i,
  /^-+ ?Returned Message -+/i,
  /^-+original (?:message|mail info)/i,
  /^Included is a copy of the message header:/i,
  /^Original message headers:$/i,
  /^Original Message Headers$/i,
  /^-+ ?Mensaje original adjunto/i,
  /^Original mail as follows:/i,
  /^The attachment contains the original mail headers/i,
  /^(?:Return-Path|Received|DKIM-Signature|X-Google-DKIM-Signature|ARC-Seal):/i,
];

/** Phrases that introduce a failed address in mid-line ("Could not be delivered to: <a@b>"). */
const recipientLabels: readonly RegExp[] = [
  /could not be delivered to:?\s*/i,
  /unable to deliver (?:the )?message to:?\s*/i,
  /there was an error delivering your mail to\s*/i,
  /(?:^|\s)(?:recipient|original)(?: address)?:\s*/i,
  /(?:unknown user|invalid final delivery userid|delivery failed \d+ attempts):\s*/i,
  /did not reach the following recipients?:?\s*/i,
  /returned permanent errors:\s*/i,
  /rejected recipient\s*/i,
  /^\s*RCPT TO:\s*/i,
  // A sentence ending in a colon and a bracketed address: "User's mailbox is full: <user@example.jp>". Words with a
  // space and a lower-case end, so header lines ("To:<a@b>") and commands ("MAIL FROM:<a@b>") do not qualify.
  /^\s*[A-Za-z][A-Za-z']*(?: [A-Za-z']+)*[a-z]\s*:\s*(?=<[^<>\s]+@[^<>\s]+>\s*\.?\s*$)/,
];

const labelledLine = labelled(recipientLabels);

function recipientLine(line: string): RecipientLine | undefined {
  return addressLed(line) ?? labelledLine(line);
}

/**
 * The fallback for text formats no family knows: blocks led by an address (or by a known phrase), explanations
 * under them, stopped at the returned message. X-Failed-Recipients (Exim and others) names the recipients when the
 * text does not.
 */
export const genericText: TextFormat = {
  name: 'text',
  fullerText: true,
  detect: looksLikeBounce,
  parse(mail) {
    const own = ownAddresses(mail);
    const { blocks, preamble } = scanBlocks(mail.text, { end: originalFollows, recipientLine });
    // The bounce's own sender and daemon addresses are not failed recipients, unless nothing else is named
    // (a message to oneself bounces to oneself).
    const others = blocks.filter((block) => !own.has(block.recipient));
    const found = others.length > 0 ? others : blocks;
    const shared = preamble.join('\n');
    const records: DeliveryRecord[] = found.map((block) => {
      const diagnostic = block.lines.join('\n') || shared;
      return {
        recipient: block.recipient,
        diagnostic,
        command: findCommand(diagnostic) || undefined,
        hint: hintFrom(knownSentences, diagnostic),
      };
    });
    if (records.length > 0) return records;
    return failedRecipientsHeader(mail).map((recipient) => ({
      recipient,
      diagnostic: shared,
      hint: hintFrom(knownSentences, shared),
    }));
  },
};

/** Addresses in X-Failed-Recipients (Exim, Google and others set it). */
export function failedRecipientsHeader(mail: ParsedMail): string[] {
  return (mail.headers.get('x-failed-recipients') ?? []).flatMap((value) => findAddresses(value));
}

const bounceSubject = new RegExp([
  'undeliver', 'delivery (?:status|fail|notification|problem)', 'returned mail', 'failure notice',
  'mail (?:delivery )?fail', 'could not be delivered', 'non remis', 'nicht zustellbar', 'not delivered',
  'delivery has failed', 'unzustellbar', 'error sending', 'system error',
].join('|'), 'i');
const bounceProse = new RegExp([
  'could not be delivered', 'undeliverable', 'unable to deliver', 'was not delivered', 'delivery (?:has )?failed',
  'failed permanently', 'permanent (?:fatal )?errors?', 'invalid user address', 'returned to sender',
].join('|'), 'i');

/**
 * From a daemon, a subject that says delivery failed, or opening prose that does: worth reading as a bounce even
 * without RFC 3464 parts. (Only asked when no specific format recognised the message.)
 */
export function looksLikeBounce(mail: ParsedMail): boolean {
  const from = mail.header('from');
  const subject = mail.header('subject');
  if (/mailer-daemon|postmaster|post_master|mail delivery|mail-daemon/i.test(from)) return true;
  if (mail.headers.has('x-failed-recipients')) return true;
  if (bounceSubject.test(subject)) return true;
  return bounceProse.test(mail.text.slice(0, 3000));
}

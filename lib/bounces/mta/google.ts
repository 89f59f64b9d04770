import type { Reason } from '../schema';
import { sweep } from '../text';
import { failedRecipientsHeader } from './generic';
import { hintFrom, type HintTable } from './hints';
import { scanBlocks } from './scan';
import type { TextFormat } from './types';

/**
 * Google's own notices from mailer-daemon@googlemail.com: the older Gmail text ("Delivery to the following recipient
 * failed permanently") and Google Groups' refusal to post (localised prose, the recipient only in
 * X-Failed-Recipients). The current Gmail notice carries RFC 3464 fields and needs no family.
 */
const fromGoogle = (from: string): boolean => /<?mailer-daemon@googlemail\.com>?/i.test(from);

// Gmail's "(state N)" in the technical details names the SMTP stage the remote server failed at.
const gmailStates: Record<string, readonly [string, Reason]> = {
  6: ['MAIL', 'failedstarttls'],
  8: ['AUTH', 'systemerror'],
  9: ['AUTH', 'failedstarttls'],
  12: ['AUTH', 'norelaying'],
  13: ['EHLO', 'blocked'],
  14: ['RCPT', 'userunknown'],
  15: ['DATA', 'filtered'],
  17: ['DATA', 'filtered'],
  18: ['DATA', 'filtered'],
};

const gmailSentences: HintTable = [
  ['expired', [
    'DNS Error: Could not contact DNS servers', 'Delivery to the following recipient has been delayed',
    'The recipient server did not accept our requests to connect',
  ]],
  ['hostunknown', ['DNS Error: Domain name not found', 'DNS Error: DNS server returned answer with no data']],
];

export const gmail: TextFormat = {
  name: 'gmail',
  detect: (mail) => fromGoogle(mail.header('from')) && /Delivery Status Notification/.test(mail.header('subject')) &&
    /^Delivery to the following recipient/m.test(mail.text),
  parse(mail) {
    const { blocks, preamble } = scanBlocks(mail.text, {
      end: [/^-+ ?(?:Original message|Message header follows) -+/],
      recipientLine: (line) => {
        const match = /^\s+(\S+@\S+)\s*$/.exec(line);
        return match ? { address: (match[1] ?? '').toLowerCase(), rest: '' } : undefined;
      },
      blockEnd: 'report',
    });
    const intro = preamble.join('\n');
    return blocks.map((block) => {
      const diagnostic = `${intro}\n${block.lines.join('\n')}`;
      const state = gmailStates[/\(state (\d+)\)/.exec(diagnostic)?.[1] ?? ''];
      return {
        recipient: block.recipient,
        diagnostic,
        command: state?.[0],
        hint: state?.[1] ?? hintFrom(gmailSentences, diagnostic),
      };
    });
  },
};

export const googleGroups: TextFormat = {
  name: 'googlegroups',
  detect: (mail) => fromGoogle(mail.header('from')) && mail.headers.has('x-failed-recipients') &&
    mail.text.includes('Google Groups'),
  parse(mail) {
    const body = mail.text.split(/^-+ ?Original message -+/m)[0] ?? '';
    // The refusal lists four possible causes as bullets in every language; their presence is the signal, the
    // wording is not (the group may not exist, or the sender may not post to it).
    const bullets = (body.match(/^ ?\*/gm) ?? []).length;
    const hint: Reason = bullets === 4 ? 'rejected' : 'onhold';
    const diagnostic = sweep(body);
    return failedRecipientsHeader(mail).map((recipient) => ({ recipient, diagnostic, hint }));
  },
};

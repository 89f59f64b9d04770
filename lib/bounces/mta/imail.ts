import { blockFormat } from './block-format';
import { labelled } from './scan';

/** Ipswitch IMail Server: one line per recipient, "Unknown user: user@example.jp", then "Original message follows." */
export const imailServer = blockFormat({
  name: 'imailserver',
  detect: (mail) =>
    /^Undeliverable Mail\s*$/.test(mail.header('subject')) || mail.header('x-mailer').startsWith('<SMTP32 v'),
  end: [/^Original message follows\./],
  recipientLine: labelled([/^[A-Za-z][^:]{6,}:\s*/]),
  hints: [
    ['hostunknown', ['Unknown host']],
    ['userunknown', ['Unknown user', 'Invalid final delivery userid']],
    ['mailboxfull', ['User mailbox exceeds allowed size']],
    ['virusdetected', ['Requested action not taken: virus detected']],
    ['spamdetected', ['Blacklisted URL in message']],
    ['expired', ['Delivery failed ']],
  ],
});

import { blockFormat } from './block-format';

/** Courier MTA: "<user@example.jp>:" under "UNDELIVERABLE MAIL", the remote reply quoted as "<<< ...". */
export const courier = blockFormat({
  name: 'courier',
  detect: (mail) => /Courier mail server at /.test(mail.header('from')) ||
    /NOTICE: mail delivery status\.|WARNING: delayed mail\./.test(mail.header('subject')) ||
    mail.header('message-id').startsWith('<courier.'),
  start: [/DELAYS IN DELIVERING YOUR MESSAGE|UNDELIVERABLE MAIL/],
  end: [/^-{20,}$/, /^Content-Type: message\//i],
  hints: [
    ['hostunknown', ['No such domain.']],
    ['systemerror', ["This domain's DNS violates RFC 1035."]],
    ['networkerror', ['DNS lookup failed.']],
  ],
});

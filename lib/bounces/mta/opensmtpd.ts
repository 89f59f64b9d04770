import { blockFormat } from './block-format';

/**
 * OpenSMTPD: "user@example.jp: <reason>" lines under "This is the MAILER-DAEMON, please DO NOT REPLY". Its
 * RFC 3464 part says only 4.0.0/5.0.0, so the text is read instead of the fields.
 */
export const openSmtpd = blockFormat({
  name: 'opensmtpd',
  detect: (mail) => /This is the MAILER-DAEMON, please DO NOT REPLY to this/.test(mail.text) ||
    (mail.headers.get('received') ?? []).some((value) => value.includes(' (OpenSMTPD) with ')),
  start: [/This is the MAILER-DAEMON, please DO NOT REPLY to this/],
  end: [/^\s*Below is a copy of the original message:/],
  blockEnd: 'blank',
  textOverFields: true,
  hints: [
    ['expired', ['Envelope expired']],
    ['securityerror', ['Could not retrieve credentials']],
    ['hostunknown', ['Invalid domain name', 'Domain does not exist']],
    ['networkerror', [
      'Address family mismatch on destination MXs', 'All routes to destination blocked', 'bad DNS lookup error code',
      'Could not retrieve source address', 'Loop detected', 'Network error on destination MXs',
      'No valid route to remote MX', 'No valid route to destination', 'Temporary failure in MX lookup',
    ]],
    ['notaccept', ['Destination seem to reject all mails', 'No MX found for domain', 'No MX found for destination']],
  ],
});

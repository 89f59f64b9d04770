import { describe, expect, it } from 'vitest';
import { hasDeliveryStatusFields, parseDeliveryStatus } from '@/lib/bounces/dsn';

describe('parseDeliveryStatus (RFC 3464 fields)', () => {
  it.each([
    [
      'one recipient with folded Diagnostic-Code',
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.1.1\n' +
        'Remote-MTA: dns; mx.example.jp\nDiagnostic-Code: smtp; 550 5.1.1 <kijitora@example.jp>... User\n    Unknown\n',
      [{ recipient: 'kijitora@example.jp', action: 'failed', status: '5.1.1', remoteMta: 'mx.example.jp', diagnosticType: 'SMTP', diagnostic: '550 5.1.1 <kijitora@example.jp>... User Unknown' }],
    ],
    [
      'RFC822 in upper case, no space, angle brackets',
      'Final-Recipient: RFC822;<Neko@Example.JP>\nAction: failed\nStatus: 5.2.2\n',
      [{ recipient: 'neko@example.jp', status: '5.2.2' }],
    ],
    [
      'groups without the blank line between them',
      'Final-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.1.1\nFinal-Recipient: rfc822; b@example.jp\nAction: delayed\nStatus: 4.4.1\n',
      [{ recipient: 'a@example.jp', status: '5.1.1' }, { recipient: 'b@example.jp', action: 'delayed', status: '4.4.1' }],
    ],
    [
      'Original-Recipient after Final-Recipient (Postfix) stays in the same group',
      'Final-Recipient: rfc822; kijitora@example.co.jp\nOriginal-Recipient: rfc822;kijitora@example.co.jp\nAction: failed\nStatus: 5.1.1\n',
      [{ recipient: 'kijitora@example.co.jp', originalRecipient: 'kijitora@example.co.jp', status: '5.1.1' }],
    ],
    [
      'Action before Final-Recipient (Amazon SES inbound)',
      'Action: failed\nFinal-Recipient: rfc822; u@example.jp\nOriginal-Recipient: rfc822; u@example.jp\nDiagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist\nStatus: 5.1.1\n',
      [{ recipient: 'u@example.jp', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 Mailbox does not exist' }],
    ],
    [
      'status comment kept apart from the code',
      'Final-Recipient: rfc822; s@cat.example.net\nAction: delayed\nStatus: 4.0.0 (cat.example.net: host name lookup failure)\n',
      [{ recipient: 's@cat.example.net', status: '4.0.0', statusComment: 'cat.example.net: host name lookup failure' }],
    ],
    [
      'X-Postfix diagnostic type reads as SMTP, X-Unix stays',
      'Final-Recipient: rfc822; a@example.jp\nDiagnostic-Code: X-Postfix; host not found\n\nFinal-Recipient: rfc822; b@example.jp\nDiagnostic-Code: X-Unix; 255\n',
      [{ recipient: 'a@example.jp', diagnosticType: 'SMTP' }, { recipient: 'b@example.jp', diagnosticType: 'X-UNIX' }],
    ],
    [
      'a source-routed Final-Recipient falls back to Original-Recipient',
      'Original-recipient: rfc822;kijitora@example.net\nFinal-recipient: rfc822;@smtp.example.net:kijitora@server\nAction: failed\nStatus: 5.2.0\n',
      [{ recipient: 'kijitora@example.net', status: '5.2.0' }],
    ],
  ])('%s', (_, text, expected) => {
    expect(parseDeliveryStatus(text).recipients).toMatchObject(expected);
  });

  it('reads Reporting-MTA without its type', () => {
    expect(parseDeliveryStatus('Reporting-MTA: dns; MX4.example.org.\n\nFinal-Recipient: rfc822; a@example.jp\n').reportingMta).toBe('mx4.example.org');
  });

  it.each([[''], ['Action: failed\nStatus: 5.0.0\n'], ['Final-Recipient: rfc822; not-an-address\n'], ['\u0000\u0001binary']])(
    'finds no recipient in %j',
    (text) => {
      expect(parseDeliveryStatus(text).recipients).toEqual([]);
    },
  );

  it.each([
    ['Final-Recipient: rfc822; a@example.jp\nStatus: 5.1.1', true],
    ['Status: 5.1.1 alone', false],
    ['prose mentioning a Final-Recipient: somewhere', false],
  ])('hasDeliveryStatusFields(%j) is %s', (text, expected) => {
    expect(hasDeliveryStatusFields(text)).toBe(expected);
  });
});

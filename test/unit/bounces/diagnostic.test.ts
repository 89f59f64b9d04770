import { describe, expect, it } from 'vitest';
import { classifyDiagnostic } from '@/lib/bounces/classify';
import { classOf, reasonClass, reasons } from '@/lib/bounces/schema';

/** The reason engine on an ESP's per-recipient fields (what SES, SendGrid, Mailgun and Postmark report). */
describe('classifyDiagnostic', () => {
  it.each([
    // [case, input, reason, class, hard]
    ['user unknown with RCPT', { diagnostic: 'smtp; 550 5.1.1 <jan@example.jp>... User Unknown', status: '5.1.1', command: 'RCPT' }, 'userunknown', 'hard', true],
    ['status code alone', { status: '5.1.1' }, 'userunknown', 'hard', true],
    ['Gmail: account does not exist', { diagnostic: "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address", recipient: 'jan@gmail.com' }, 'userunknown', 'hard', true],
    ['mailbox full (temporary)', { diagnostic: '452 4.2.2 The email account that you tried to reach is over quota.' }, 'mailboxfull', 'soft', false],
    ['mailbox full by words only', { diagnostic: 'Mailbox full' }, 'mailboxfull', 'soft', false],
    ['domain does not exist', { diagnostic: 'Host or domain name not found. Name service error for name=exampel.jp type=A' }, 'hostunknown', 'hard', true],
    ['null MX, permanent', { diagnostic: '556 5.1.10 Recipient address rejected: domain does not accept mail (nullMX)' }, 'notaccept', 'hard', true],
    ['DMARC rejection by Gmail', { diagnostic: "550-5.7.26 Unauthenticated email from example.jp is not accepted due to domain's DMARC policy.", replyCode: '550', recipient: 'a@google.com' }, 'authfailure', 'block', false],
    ['spam filter after DATA', { diagnostic: '554 5.7.1 Your message was rejected because it appears to be spam', command: 'DATA' }, 'spamdetected', 'block', false],
    ['listed IP', { diagnostic: '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org' }, 'blocked', 'block', false],
    ['missing PTR', { diagnostic: '550 5.7.25 The IP address sending this message does not have a PTR record setup' }, 'requireptr', 'block', false],
    ['Microsoft IP reputation', { diagnostic: '451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation.', status: '4.7.650', recipient: 'a@outlook.com' }, 'badreputation', 'block', false],
    ['Orange error code', { diagnostic: '550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416' }, 'userunknown', 'hard', true],
    ['queue expired', { diagnostic: 'Message expired after sitting in queue for 72 hours' }, 'expired', 'soft', false],
    ['nothing to read', {}, 'undefined', 'soft', false],
    ['words without a known phrase', { diagnostic: '550 Requested action not taken' }, 'onhold', 'soft', false],
  ] as const)('%s', (_, input, reason, resultClass, hard) => {
    expect(classifyDiagnostic(input)).toEqual({ reason, class: resultClass, hard });
  });
});

describe('reason policy', () => {
  it('has a class for every reason', () => {
    for (const reason of reasons) expect(reasonClass[reason]).toBeDefined();
  });

  it.each([
    ['userunknown', false, 'hard', true],
    ['hostunknown', false, 'hard', true],
    ['hasmoved', false, 'hard', true],
    ['notaccept', false, 'hard', true],
    ['notaccept', true, 'soft', false], // a temporary "not accepting mail" is not a dead address
    ['mailboxfull', false, 'soft', false],
    ['blocked', false, 'block', false],
    ['authfailure', false, 'block', false],
    ['feedback', false, 'complaint', false],
    ['vacation', false, 'ignore', false],
    ['delivered', false, 'ignore', false],
  ] as const)('%s (temporary %s) is %s, hard %s', (reason, temporary, resultClass, hard) => {
    expect(classOf(reason, temporary)).toEqual({ class: resultClass, hard });
  });
});

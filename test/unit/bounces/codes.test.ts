import { describe, expect, it } from 'vitest';
import { extractAddress, findAddresses, isEmailAddress } from '@/lib/bounces/address';
import { findRemoteHost } from '@/lib/bounces/hosts';
import { findCommand, findReplyCode } from '@/lib/bounces/smtp';
import { findStatus, preferStatus, statusReason } from '@/lib/bounces/status';
import { sweep } from '@/lib/bounces/text';

describe('findStatus', () => {
  it.each([
    ['550 5.1.1 <a@example.jp>... User Unknown', '5.1.1'],
    ['421 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited', '4.7.650'],
    ['host 192.0.2.153 said: 550 unknown user', ''], // an IP address is not a status code
    ['Exim 4.86 (Debian) rejected', ''], // nor is a version number
    ['550 5.0.0 <a@x.jp>... 550 5.1.1 mailbox unavailable', '5.1.1'], // the specific code beats X.0.0
    ['554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>', '4.4.2'],
    ['no code at all', ''],
  ])('%j -> %j', (text, expected) => {
    expect(findStatus(text)).toBe(expected);
  });

  it('restricts to a class when asked', () => {
    expect(findStatus('5.1.1 then 4.2.2', '4')).toBe('4.2.2');
  });
});

describe('preferStatus', () => {
  it.each([
    ['5.0.0', '5.1.1', '550', '5.1.1'], // the field is vague
    ['5.1.6', '5.1.1', '550', '5.1.6'], // the field is specific
    ['4.4.7', '4.2.2', '452', '4.2.2'], // 4.4.7 only says the queue gave up
    ['5.1.1', '4.2.2', '452', '4.2.2'], // the reply code's class decides between classes
    ['', '5.7.1', '', '5.7.1'],
    ['5.2.2', '', '', '5.2.2'],
  ])('field %s, text %s, reply %s -> %s', (field, text, reply, expected) => {
    expect(preferStatus(field, text, reply)).toBe(expected);
  });
});

describe('statusReason (RFC 3463 meanings)', () => {
  it.each([
    ['5.1.1', 'userunknown'], ['5.1.2', 'hostunknown'], ['5.2.2', 'mailboxfull'], ['4.2.2', 'mailboxfull'],
    ['5.7.26', 'authfailure'], ['5.7.25', 'requireptr'], ['5.1.10', 'notaccept'], ['5.0.0', undefined],
  ])('%s -> %s', (code, reason) => {
    expect(statusReason(code)).toBe(reason);
  });
});

describe('findReplyCode', () => {
  it.each([
    ['550 5.1.1 User unknown', '', '550'],
    ['host said: 554 5.7.1 ... 550 5.7.1 denied', '', '550'], // 550 is the specific one
    ['retry 421 4.4.2 timeout', '', '421'],
    ['IP 192.0.2.550 is not a code', '', ''],
    ['Diagnostic-Code: X-Unix; 255', '', ''],
    ['250 ok then 451 4.3.0 error', '4', '451'],
  ])('%j (class %j) -> %j', (text, replyClass, expected) => {
    expect(findReplyCode(text, replyClass)).toBe(expected);
  });
});

describe('findCommand', () => {
  it.each([
    ['550 5.1.1 ... (in reply to RCPT TO command)', 'RCPT'],
    ['SMTP error from remote mail server after MAIL FROM:<a@x.jp> SIZE=1024:', 'MAIL'],
    ['>>> DATA <<< 554 rejected', 'DATA'],
    ['refused HELO greeting', 'HELO'],
    ['mailbox data exceeded', ''], // lower-case "data" is a word, not the command
  ])('%j -> %j', (text, expected) => {
    expect(findCommand(text)).toBe(expected);
  });
});

describe('findRemoteHost', () => {
  it.each([
    ['host mx.example.jp[192.0.2.8] said: 550 5.1.1 ...', 'mx.example.jp'],
    ['SMTP error from remote mail server after RCPT TO:<a@x.jp>: host mx1.example.net [192.0.2.1]: 550', 'mx1.example.net'],
    ['gmail-smtp-in.l.google.com [74.125.203.27] did not like our final DATA:', 'gmail-smtp-in.l.google.com'],
    ['550 no host here', ''],
  ])('%j -> %j', (text, expected) => {
    expect(findRemoteHost(text)).toBe(expected);
  });
});

describe('addresses', () => {
  it.each([
    ['rfc822; <Kijitora@Example.JP>', 'kijitora@example.jp'],
    ['"Neko" <neko@example.jp>', 'neko@example.jp'],
    ['rfc822; "neko....nyaan...."@libsisimai.org', '"neko....nyaan...."@libsisimai.org'],
    ['sent to kijitora@example.jp.', 'kijitora@example.jp'],
    ['@relay.example.net:user@server', ''], // no dot in the domain: host-local, not an Internet address
    ['no address here', ''],
  ])('extractAddress(%j) -> %j', (text, expected) => {
    expect(extractAddress(text)).toBe(expected);
  });

  it('finds every address once, in order', () => {
    expect(findAddresses('<a@x.jp>, b@y.jp and A@X.JP')).toEqual(['a@x.jp', 'b@y.jp']);
  });

  it.each([['a@example.jp', true], ['a@localhost', false], ['a@[192.0.2.1]', true], ['a@', false], ['@x.jp', false]])(
    'isEmailAddress(%j) is %s',
    (text, expected) => {
      expect(isEmailAddress(text)).toBe(expected);
    },
  );
});

describe('sweep', () => {
  it.each([
    ['  550\n   5.1.1\tunknown  ', '550 5.1.1 unknown'],
    ['User unknown --Boundary_1234', 'User unknown'], // a MIME boundary glued to the text is cut
    ['----- Non-delivered information ----- mailbox full', '----- Non-delivered information ----- mailbox full'],
  ])('%j -> %j', (text, expected) => {
    expect(sweep(text)).toBe(expected);
  });
});

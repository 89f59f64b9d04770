import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage, classifyMessageWithSource } from '@/lib/bounces/classify';
import { readSesNotification } from '@/lib/bounces/esp/ses';
import { corpusDir, fixture } from './corpus';

const arf = [
  'From: <staff@fbl.example.net>',
  'To: <fbl@sender.example.org>',
  'Subject: FW: Sale',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=feedback-report; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain',
  '',
  'This is an email abuse report for an email message received from IP 192.0.2.1.',
  '--b1',
  'Content-Type: message/feedback-report',
  '',
  'Feedback-Type: abuse',
  'User-Agent: SomeGenerator/1.0',
  'Version: 1',
  'Original-Rcpt-To: <Jan@Example.JP>',
  '',
  '--b1',
  'Content-Type: text/rfc822-headers',
  '',
  'From: <news@sender.example.org>',
  'To: <someone-else@example.jp>',
  'Subject: Sale',
  '',
  '--b1--',
  '',
].join('\r\n');

const vacation = [
  'From: Jan Novak <jan@example.jp>',
  'To: <sales@sender.example.org>',
  'Subject: Out of Office: Quote 42',
  'Auto-Submitted: auto-replied',
  '',
  'I am out of the office until Monday.',
  '',
].join('\n');

describe('complaints (ARF, RFC 5965)', () => {
  it('reports the complained-about recipient from Original-Rcpt-To', async () => {
    expect(await classifyMessage(arf)).toEqual([
      expect.objectContaining({ recipient: 'jan@example.jp', reason: 'feedback', class: 'complaint', hard: false, feedbackType: 'abuse' }),
    ]);
  });

  it.each([
    ['arf-01.eml', 'redacted@example.net', 'abuse'],
    ['arf-18.eml', 'kijitora@example.com', 'auth-failure'],
    ['arf-26.eml', 'example@icloud.com', 'opt-out'], // Apple's unsubscribe notice
  ])('%s: %s, %s', async (file, recipient, feedbackType) => {
    const { source, results } = await classifyMessageWithSource(fixture(file));
    expect(source).toBe('arf');
    expect(results).toEqual([expect.objectContaining({ recipient, reason: 'feedback', class: 'complaint', feedbackType })]);
  });
});

describe('auto-replies (RFC 3834)', () => {
  it('is an ignored vacation result for the replying address', async () => {
    expect(await classifyMessage(vacation)).toEqual([
      expect.objectContaining({ recipient: 'jan@example.jp', reason: 'vacation', class: 'ignore', hard: false, replyCode: null }),
    ]);
  });

  it('reads the corpus auto-reply the same way', async () => {
    expect(await classifyMessage(fixture('rfc3834-01.eml'))).toEqual([
      expect.objectContaining({ recipient: 'kijitora@example.net', reason: 'vacation', class: 'ignore' }),
    ]);
  });

  it('does not take a daemon notice with Auto-Submitted for a vacation reply', async () => {
    const notice = vacation.replace('From: Jan Novak <jan@example.jp>', 'From: MAILER-DAEMON@example.jp');
    expect(await classifyMessage(notice)).toEqual([]);
  });
});

describe('Amazon SES notifications', () => {
  it.each([
    ['lhost-amazonses-09.eml', 'bounce@simulator.amazonses.com', 'userunknown', 'hard'],
    ['lhost-amazonses-11.eml', 'complaint@simulator.amazonses.com', 'feedback', 'complaint'],
    ['lhost-amazonses-13.eml', 'complaint@simulator.amazonses.com', 'delivered', 'ignore'],
  ])('by email (SNS): %s', async (file, recipient, reason, resultClass) => {
    const { source, results } = await classifyMessageWithSource(fixture(file));
    expect(source).toBe('ses');
    expect(results).toEqual([expect.objectContaining({ recipient, reason, class: resultClass })]);
  });

  const espDir = path.join(corpusDir, 'esp');
  const sesFiles = readdirSync(espDir).filter((name) => name.startsWith('json-amazonses'));

  it.each(sesFiles)('webhook JSON %s has records', (name) => {
    const records = readSesNotification(JSON.parse(readFileSync(path.join(espDir, name), 'utf8')) as unknown);
    expect(records?.length).toBeGreaterThan(0);
  });

  it('is not fooled by other JSON', () => {
    expect(readSesNotification({ event: 'bounce', email: 'a@example.jp' })).toBeUndefined();
    expect(readSesNotification({ Message: '{not json' })).toBeUndefined();
  });
});

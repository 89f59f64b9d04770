import { describe, expect, it } from 'vitest';
import { classifyMessage } from '@/lib/bounces/classify';

/** Deterministic pseudo-random bytes, so the "binary" cases are the same on every run. */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    bytes[i] = state % 256;
  }
  return bytes;
}

const personalMail = [
  'From: Jan Novak <jan@example.jp>',
  'To: Ana <ana@example.org>',
  'Subject: Re: invoice 42',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hi Ana,',
  '',
  'the invoice went to billing@example.org yesterday.',
  '  accounts@example.org',
  'Best, Jan',
  '',
].join('\r\n');

const newsletter = [
  'From: "Shop" <news@shop.example.com>',
  'To: <jan@example.jp>',
  'Subject: Our spring sale',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative; boundary="x"',
  '',
  '--x',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><p>Sale!</p><p>Unsubscribe: <a href="mailto:unsub@shop.example.com">here</a></p></body></html>',
  '--x--',
  '',
].join('\r\n');

describe('input that is not a bounce', () => {
  it.each<[string, string | Uint8Array | ArrayBuffer]>([
    ['empty string', ''],
    ['empty bytes', new Uint8Array()],
    ['empty ArrayBuffer', new ArrayBuffer(0)],
    ['whitespace', '\r\n\r\n   \r\n'],
    ['random binary', noise(4096, 7)],
    ['binary after a header', new Uint8Array([...new TextEncoder().encode('Subject: x\r\n\r\n'), ...noise(2048, 11)])],
    ['a header block only', 'From: a@example.jp\r\nSubject: hello\r\n'],
    ['personal mail mentioning addresses', personalMail],
    ['an HTML newsletter', newsletter],
    ['a bounce subject with nothing inside', 'From: MAILER-DAEMON@example.jp\r\nSubject: Undelivered Mail Returned to Sender\r\n\r\nnothing here\r\n'],
  ])('%s -> []', async (_, raw) => {
    await expect(classifyMessage(raw)).resolves.toEqual([]);
  });

  it('takes a string, bytes or an ArrayBuffer alike', async () => {
    const bounce = [
      'From: MAILER-DAEMON@mx.example.org',
      'Subject: failure notice',
      '',
      "Hi. This is the qmail-send program at mx.example.org.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      '',
      '<jan@example.jp>:',
      'Sorry, no mailbox here by that name. (#5.1.1)',
      '',
      '--- Below this line is a copy of the message.',
      '',
    ].join('\n');
    const bytes = new TextEncoder().encode(bounce);
    const expected = [expect.objectContaining({ recipient: 'jan@example.jp', reason: 'userunknown', hard: true })];
    await expect(classifyMessage(bounce)).resolves.toEqual(expected);
    await expect(classifyMessage(bytes)).resolves.toEqual(expected);
    await expect(classifyMessage(bytes.buffer)).resolves.toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { checkBounced, daysAgo } from '@/lib/checks/bounced';
import { context, day, draft, fact, facts, now } from './helpers';

const check = (raw: string, ...rows: Parameters<typeof fact>[]) =>
  checkBounced(draft([raw]), context({ facts: facts(...rows.map((args) => fact(...args))) }));

describe('daysAgo', () => {
  it.each([
    [now, 'today'],
    [now - 5 * 60_000, 'today'],
    [now + day, 'today'], // a clock ahead of ours is not "in the future" to the reader
    [now - day, 'yesterday'],
    [now - 3 * day, '3 days ago'],
    [now - 13 * day, '13 days ago'],
    [now - 15 * day, '2 weeks ago'],
    [now - 90 * day, '3 months ago'],
    [now - 800 * day, '2 years ago'],
  ])('%i → %s', (at, words) => {
    expect(daysAgo(at, now)).toBe(words);
  });
});

describe('checkBounced', () => {
  it('blocks a hard bounce, saying when, why in plain words, and that it is suppressed', () => {
    expect(check('Jan <Jan@Example.com>', ['jan@example.com'])).toEqual([
      {
        id: 'bounced:jan@example.com',
        kind: 'bounced',
        severity: 'block',
        subject: 'Jan@Example.com',
        message:
          'Jan@Example.com bounced 3 days ago: the address does not exist. Sending to it is suppressed: your mail ' +
          'system will not deliver to it until someone unbounces it.',
      },
    ]);
  });

  it.each([
    ['hard, suppressed', { class: 'hard', suppressed: true }, 'block'],
    ['hard, not yet suppressed', { class: 'hard', suppressed: false }, 'block'],
    ['complaint', { class: 'complaint', reason: 'feedback', suppressed: true }, 'block'],
    ['soft, not yet suppressed', { class: 'soft', reason: 'mailboxfull', suppressed: false, bounceCount: 2 }, 'warn'],
    ['soft, suppressed after repeats', { class: 'soft', reason: 'mailboxfull', suppressed: true, bounceCount: 3 }, 'block'],
    ['block class (filtered)', { class: 'block', reason: 'spamdetected', suppressed: false }, 'warn'],
    ['manual, suppressed', { class: 'manual', reason: 'manual', suppressed: true }, 'block'],
    ['manual, not suppressed', { class: 'manual', reason: 'manual', suppressed: false }, 'warn'],
  ] as const)('%s → %s', (_, overrides, severity) => {
    expect(check('jan@example.com', ['jan@example.com', overrides])[0]?.severity).toBe(severity);
  });

  it('counts soft bounces and says sending is not suppressed yet', () => {
    const [finding] = check('jan@example.com', [
      'jan@example.com',
      { class: 'soft', reason: 'mailboxfull', suppressed: false, bounceCount: 2, lastBounceAt: now - day },
    ]);
    expect(finding?.message).toBe('jan@example.com bounced twice, last yesterday: the mailbox is full. It is not suppressed yet.');
  });

  it('for a filtered message blames the sending side, not the address', () => {
    const [finding] = check('jan@example.com', ['jan@example.com', { class: 'block', reason: 'spamdetected', suppressed: false }]);
    expect(finding?.message).toBe(
      'Mail to jan@example.com was filtered 3 days ago: a spam filter rejected the message. The address itself is ' +
        "fine; the problem is on the sending side. Check your domain's SPF and DMARC records, and avoid shortened or " +
        'unusual links.',
    );
  });

  it('says a complaint plainly', () => {
    const [finding] = check('jan@example.com', ['jan@example.com', { class: 'complaint', reason: 'feedback' }]);
    expect(finding?.message).toMatch(/^jan@example\.com reported your organization's mail as spam \(3 days ago\)\. Sending to it is suppressed/);
  });

  it('falls back to the class for a reason it has no words for', () => {
    const [finding] = check('jan@example.com', ['jan@example.com', { reason: 'brand-new-reason' }]);
    expect(finding?.message).toContain('the address does not accept mail');
  });

  it.each([
    ['upper case', 'JAN@EXAMPLE.COM'],
    ['display name', '"Novak, Jan" <jan@example.com>'],
    ['mailto', 'mailto:jan@example.com'],
    ['trailing dot', 'jan@example.com.'],
  ])('finds the address whatever its form: %s', (_, raw) => {
    expect(check(raw, ['jan@example.com'])).toHaveLength(1);
  });

  it('finds an IDN address in Unicode and punycode alike', () => {
    expect(check('jan@bücher.de', ['jan@xn--bcher-kva.de'])).toHaveLength(1);
    expect(check('jan@XN--BCHER-KVA.DE', ['jan@xn--bcher-kva.de'])).toHaveLength(1);
  });

  it('checks text still in the typing box', () => {
    const found = checkBounced(
      draft([{ raw: 'ok@example.com, jan@example.com', source: 'pending' }]),
      context({ facts: facts(fact('jan@example.com')) }),
    );
    expect(found.map((f) => f.subject)).toEqual(['jan@example.com']);
  });

  it.each([[''], ['   '], ['jan'], ['jan@'], ['nobody@example.com']])('finds nothing for %j', (raw) => {
    expect(check(raw, ['jan@example.com'])).toEqual([]);
  });
});

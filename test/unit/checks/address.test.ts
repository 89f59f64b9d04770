import { describe, expect, it } from 'vitest';
import { canonicalDomain, normalizeAddress, parseRecipients } from '@/lib/checks/address';

describe('parseRecipients', () => {
  it.each([
    ['plain', 'jan@example.com', [{ display: null, address: 'jan@example.com', local: 'jan', domain: 'example.com' }]],
    ['display name', 'Jan Novak <jan@example.com>', [{ display: 'Jan Novak', address: 'jan@example.com' }]],
    ['quoted name with comma', '"Novak, Jan" <jan@example.com>', [{ display: 'Novak, Jan', address: 'jan@example.com' }]],
    ['escaped quote in name', '"Jan \\"JJ\\" Novak" <jan@example.com>', [{ display: 'Jan "JJ" Novak', address: 'jan@example.com' }]],
    ['angle brackets only', '<jan@example.com>', [{ display: null, address: 'jan@example.com' }]],
    ['mailto', 'mailto:jan@example.com', [{ address: 'jan@example.com' }]],
    ['mailto with query', 'MAILTO:jan@example.com?subject=Hi&cc=x@y.z', [{ address: 'jan@example.com' }]],
    ['mailto percent-escaped', 'mailto:jan%2Bnews@example.com', [{ address: 'jan+news@example.com' }]],
    ['mailto in brackets', 'Jan <mailto:jan@example.com>', [{ display: 'Jan', address: 'jan@example.com' }]],
    ['stray whitespace', '  \t jan@example.com \n', [{ address: 'jan@example.com', text: 'jan@example.com' }]],
    ['unclosed bracket while typing', 'Jan <jan@exa', [{ display: 'Jan', address: 'jan@exa', domain: 'exa' }]],
    ['quoted local part keeps its @', '"jan@home"@example.com', [{ local: '"jan@home"', domain: 'example.com' }]],
    ['two @ split at the last', 'jan@x@example.com', [{ local: 'jan@x', domain: 'example.com' }]],
    ['no @', 'Jan Novak', [{ address: 'Jan Novak', local: 'Jan Novak', domain: '' }]],
    ['IDN in Unicode', 'jan@bücher.de', [{ domain: 'bücher.de' }]],
    ['comma typed for a dot', 'jan@gmail,com', [{ address: 'jan@gmail,com', domain: 'gmail,com' }]],
    ['comma typed for a dot in co.uk', 'jan@yahoo.co,uk', [{ domain: 'yahoo.co,uk' }]],
  ])('%s', (_, raw, expected) => {
    expect(parseRecipients(raw)).toMatchObject(expected);
  });

  it.each([
    ['commas', 'a@x.com, b@y.com,c@z.com', ['a@x.com', 'b@y.com', 'c@z.com']],
    ['semicolons and new lines', 'a@x.com; b@y.com\nc@z.com\r\nd@w.com', ['a@x.com', 'b@y.com', 'c@z.com', 'd@w.com']],
    ['quoted commas do not split', '"Novak, Jan" <a@x.com>, "Li; Wei" <b@y.com>', ['a@x.com', 'b@y.com']],
    ['empty entries dropped', ',, a@x.com ;; ,b@y.com,', ['a@x.com', 'b@y.com']],
    ['a word after a comma is not a TLD when the domain has one', 'a@x.com,bob', ['a@x.com', 'bob']],
    ['an address after a comma always splits', 'a@x,b@y.com', ['a@x', 'b@y.com']],
  ])('splits a list: %s', (_, raw, addresses) => {
    expect(parseRecipients(raw).map((p) => p.address)).toEqual(addresses);
  });

  it.each([[''], ['   '], ['\n\t'], [',;,'], [' , ; \n ']])('finds nothing in %j', (raw) => {
    expect(parseRecipients(raw)).toEqual([]);
  });

  it('reports where each recipient sits in the raw text', () => {
    const raw = ' a@x.com ,  "Li, Wei" <b@y.com>;c@z.com';
    const spans = parseRecipients(raw).map((p) => raw.slice(p.start, p.end));
    expect(spans).toEqual(['a@x.com', '"Li, Wei" <b@y.com>', 'c@z.com']);
    expect(parseRecipients(raw).map((p) => p.text)).toEqual(spans);
  });

  it.each([['\u0000\u0001'], ['<<<>>>'], ['""""'], ['@'], ['@@@'], ['a'.repeat(10_000)], ['"unterminated, quote <a@b.c>']])(
    'survives garbage %#',
    (raw) => {
      expect(() => parseRecipients(raw)).not.toThrow();
    },
  );
});

describe('normalizeAddress', () => {
  it.each([
    ['jan@example.com', 'jan@example.com'],
    ['Jan@Example.COM', 'jan@example.com'],
    ['  JAN@EXAMPLE.COM  ', 'jan@example.com'],
    ['Jan Novak <Jan.Novak@Example.com>', 'jan.novak@example.com'],
    ['"Novak, Jan" <jan@example.com>', 'jan@example.com'],
    ['mailto:Jan@Example.com?subject=x', 'jan@example.com'],
    ['jan@example.com.', 'jan@example.com'],
    ['jan@bücher.de', 'jan@xn--bcher-kva.de'],
    ['jan@BÜCHER.DE', 'jan@xn--bcher-kva.de'],
    ['jan@xn--bcher-kva.de', 'jan@xn--bcher-kva.de'],
    ['JAN@XN--BCHER-KVA.DE', 'jan@xn--bcher-kva.de'],
    ['jan@例え.jp', 'jan@xn--r8jz45g.jp'],
    ['jan@bücher\u3002de', 'jan@xn--bcher-kva.de'], // ideographic full stop, mapped by UTS #46
    ['JOSÉ@example.com', 'josé@example.com'],
    ['jose\u0301@example.com', 'josé@example.com'], // NFC
    ['jan@[192.0.2.1]', 'jan@[192.0.2.1]'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['jan'],
    ['@example.com'],
    ['jan@'],
    ['jan@x@example.com'],
    ['jan novak@example.com'],
    ['a@x.com, b@y.com'],
    ['jan@exa mple.com'],
    ['jan@bü cher.de'],
  ])('%j is not one address', (raw) => {
    expect(normalizeAddress(raw)).toBeNull();
  });

  it('gives the Unicode and punycode forms of a domain the same key', () => {
    expect(normalizeAddress('Jan@Bücher.de')).toBe(normalizeAddress('jan@XN--BCHER-KVA.de'));
  });
});

describe('canonicalDomain', () => {
  it.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['', null],
    ['.', null],
    ['bü/cher.de', null],
  ])('%j → %j', (domain, expected) => {
    expect(canonicalDomain(domain)).toBe(expected);
  });
});

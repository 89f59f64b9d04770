import { describe, expect, it } from 'vitest';
import { parseRecipients } from '@/lib/checks/address';
import { addressProblems, checkMalformed } from '@/lib/checks/malformed';
import { context, draft } from './helpers';

function problemsOf(raw: string): string[] {
  const [parsed] = parseRecipients(raw);
  if (!parsed) throw new Error(`nothing parsed from ${raw}`);
  return addressProblems(parsed);
}

describe('addressProblems', () => {
  it.each([
    ['jan@example.com'],
    ['Jan.Novak+invoices@sub.example.co.uk'],
    ["o'brien@example.ie"],
    ['jan_novak-1@example-shop.com'],
    ['"jan novak"@example.com'], // quoted local part: valid RFC 5321
    ['"a@b"@example.com'],
    ['jan@[192.0.2.1]'], // IP literal: valid RFC 5321 §4.1.3
    ['jan@[IPv6:2001:db8::1]'],
    ['jan@bücher.de'],
    ['jan@xn--bcher-kva.de'],
    ['josé@example.com'], // RFC 6531 local part
    ['jan@example.com.au'],
    ['jan@example.cm'], // Cameroon: a real ending, however often it is a slip
    ['jan@deno.land'],
    ['jan@пример.рф'], // IDN ending, checked in its ASCII form xn--p1ai
    [`${'a'.repeat(64)}@example.com`],
    [`jan@${'a'.repeat(63)}.com`],
  ])('accepts %s', (raw) => {
    expect(problemsOf(raw)).toEqual([]);
  });

  it.each([
    ['jan.example.com', 'it has no @'],
    ['jan@@example.com', 'it has more than one @'],
    ['jan@x@example.com', 'it has more than one @'],
    ['@example.com', 'there is nothing before the @'],
    ['jan@', 'there is nothing after the @'],
    ['jan novak@example.com', 'it has a space before the @'],
    ['jan@exam ple.com', 'it has a space after the @'],
    ['jan..novak@example.com', 'the part before the @ has two dots in a row'],
    ['.jan@example.com', 'the part before the @ starts or ends with a dot'],
    ['jan.@example.com', 'the part before the @ starts or ends with a dot'],
    ['jan@example..com', 'the domain has two dots in a row'],
    ['jan@.example.com', 'the domain starts with a dot'],
    ['jan@example.com.', 'the domain ends with a dot'],
    ['jan@example', 'the domain has no ending such as .com'],
    ['jan@163com', 'the domain has no ending such as .com'],
    ['jan@example.123', 'the domain ends in a number (an IP address must be in brackets)'],
    ['jan@192.0.2.1', 'the domain ends in a number (an IP address must be in brackets)'],
    ['jan@example.c', 'the domain ending ".c" is too short'],
    ['jan@example.zz', 'there is no top-level domain ".zz"'],
    ['jan@gmail.con', 'there is no top-level domain ".con"'],
    ['Jan@Example.CPM', 'there is no top-level domain ".cpm"'],
    ['jan(at)home@example.com', 'it has a character not allowed before the @: "("'],
    ['jan@exa_mple.com', 'the domain has a character not allowed there: "_"'],
    ['jan@gmail,com', 'the domain has a character not allowed there: ","'],
    ['jan@-example.com', 'a part of the domain starts or ends with a hyphen'],
    ['jan@example-.com', 'a part of the domain starts or ends with a hyphen'],
    [`jan@${'a'.repeat(64)}.com`, 'a part of the domain is longer than 63 characters'],
    [`${'a'.repeat(65)}@example.com`, 'the part before the @ is longer than 64 characters'],
    [`${'a'.repeat(60)}@${'b.'.repeat(100)}com`, 'it is longer than the 254 characters an address may have'],
    ['jan@[192.0.2.999]', 'the IP address in brackets after the @ is not valid'],
    ['jan@[example.com', 'the IP address in brackets after the @ is not valid'],
  ])('%s: %s', (raw, problem) => {
    expect(problemsOf(raw)).toContain(problem);
  });

  it('lists every problem of one address', () => {
    expect(problemsOf('.jan@@exam ple..com')).toEqual([
      'it has more than one @',
      'the part before the @ starts or ends with a dot',
      'it has a space after the @',
      'the domain has two dots in a row',
    ]);
  });
});

describe('checkMalformed', () => {
  it('blocks with a message naming the address and what is wrong', () => {
    expect(checkMalformed(draft(['Jan <jan@@example.com>']), context())).toEqual([
      {
        id: 'malformed:jan@@example.com',
        kind: 'malformed',
        severity: 'block',
        subject: 'jan@@example.com',
        message: '"jan@@example.com" is not a valid email address: it has more than one @.',
      },
    ]);
  });

  it('checks text still in the typing box, each address of it', () => {
    const found = checkMalformed(draft([{ raw: 'ok@example.com, Jan Novak; bad@exa mple.com', source: 'pending' }]), context());
    expect(found.map((f) => f.subject)).toEqual(['Jan Novak', 'bad@exa mple.com']);
  });

  it.each([[''], ['   '], [',,']])('finds nothing in an empty box %j', (raw) => {
    expect(checkMalformed(draft([{ raw, source: 'pending' }]), context())).toEqual([]);
  });

  it('gives the same id for the same address in any case', () => {
    const [a] = checkMalformed(draft(['Jan@@Example.com']), context());
    const [b] = checkMalformed(draft([{ raw: 'jan@@example.com', field: 'cc' }]), context());
    expect(a?.id).toBe(b?.id);
  });
});

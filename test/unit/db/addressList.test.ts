import { describe, expect, it } from 'vitest';
import { parseAddressList } from '@/lib/db';

describe('parseAddressList', () => {
  it.each([
    ['one per line', 'a@example.com\nb@example.com\n', ['a@example.com', 'b@example.com']],
    ['comma separated', 'a@example.com, b@example.com,c@example.com', ['a@example.com', 'b@example.com', 'c@example.com']],
    ['semicolons and Windows line ends', 'a@example.com;b@example.com\r\nc@example.com', ['a@example.com', 'b@example.com', 'c@example.com']],
    ['display names and case', 'Jan <Jan@Example.com>\nmailto:PIET@acme.nl', ['jan@example.com', 'piet@acme.nl']],
    ['a quoted name with a comma', '"Smit, Jan" <jan@example.com>, piet@acme.nl', ['jan@example.com', 'piet@acme.nl']],
    ['duplicates and blank lines', 'a@example.com\n\n  \nA@example.com', ['a@example.com']],
    [
      'a SendGrid bounce export',
      'created,email,reason,status\n1700000000,jan@example.com,"550 5.1.1 unknown, sorry",5.1.1\n1700000001,piet@acme.nl,full,4.2.2',
      ['jan@example.com', 'piet@acme.nl'],
    ],
    [
      'a Postmark suppression export with a byte order mark',
      '\uFEFFEmailAddress,SuppressionReason,Origin,CreatedAt\njan@example.com,HardBounce,Recipient,2024-01-01',
      ['jan@example.com'],
    ],
    ['a semicolon CSV with an "E-mail" column', 'Name;E-mail\n"Smit; Jan";jan@example.com', ['jan@example.com']],
    ['nothing', '  \n', []],
  ])('reads %s', (_, text, addresses) => {
    expect(parseAddressList(text)).toEqual({ addresses, invalid: [] });
  });

  it.each([
    ['words', 'a@example.com\nhello world', ['hello world']],
    ['a missing domain', 'jan@', ['jan@']],
    ['an empty email cell is skipped, a wrong one reported', 'email,name\n,Jan\nnope,Piet', ['nope']],
    ['a long entry, shortened', 'x'.repeat(100), [`${'x'.repeat(77)}...`]],
  ])('reports %s', (_, text, invalid) => {
    expect(parseAddressList(text).invalid).toEqual(invalid);
  });
});

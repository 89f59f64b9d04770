import { describe, expect, it } from 'vitest';
import { checkAddress, type AddressReport } from '@/lib/checks/checkAddress';
import type { TypoContext } from '@/lib/checks/typos';

const report = (input: string, rest: Omit<AddressReport, 'input'>): [string, AddressReport] => [input, { input, ...rest }];

describe('checkAddress', () => {
  it.each([
    report('jan@example.com', { address: 'jan@example.com', valid: true, problems: [], suggestion: null }),
    report('Jan.Novak@gmial.com', { address: 'jan.novak@gmial.com', valid: true, problems: [], suggestion: 'Jan.Novak@gmail.com' }),
    report('Jan Novak <jan@Hotmial.COM>', { address: 'jan@hotmial.com', valid: true, problems: [], suggestion: 'jan@hotmail.com' }),
    report('mailto:jan@yaho.fr?subject=Hi', { address: 'jan@yaho.fr', valid: true, problems: [], suggestion: 'jan@yahoo.fr' }),
    report('jan@acme.cpm', {
      address: 'jan@acme.cpm',
      valid: false,
      problems: ['there is no top-level domain ".cpm"'],
      suggestion: 'jan@acme.com',
    }),
    report('jan@example.zz', { address: 'jan@example.zz', valid: false, problems: ['there is no top-level domain ".zz"'], suggestion: null }),
    report('jan@gmail,com', {
      address: null,
      valid: false,
      problems: ['the domain has a character not allowed there: ","', 'the domain has no ending such as .com'],
      suggestion: 'jan@gmail.com',
    }),
    // the fixed domain would still leave a broken address: no suggestion
    report('jan@@gmial.com', { address: null, valid: false, problems: ['it has more than one @'], suggestion: null }),
    report('jan', { address: null, valid: false, problems: ['it has no @'], suggestion: null }),
    report('@gmial.com', { address: null, valid: false, problems: ['there is nothing before the @'], suggestion: null }),
    report('', { address: null, valid: false, problems: ['it is empty'], suggestion: null }),
    report('a@example.com, b@example.org', { address: null, valid: false, problems: ['it holds 2 addresses, not one'], suggestion: null }),
    report('jan@bücher.de', { address: 'jan@xn--bcher-kva.de', valid: true, problems: [], suggestion: null }),
    report('jan@deno.land', { address: 'jan@deno.land', valid: true, problems: [], suggestion: null }),
  ])('%j', (input, expected) => {
    expect(checkAddress(input)).toEqual(expected);
  });

  it('knows the user’s own domains when given them', () => {
    const ctx: TypoContext = { frequentDomains: new Map([['acme-industries.com', 5]]), trustedDomains: new Set(['gmial.com']) };
    expect(checkAddress('jan@acme-industires.com', ctx).suggestion).toBe('jan@acme-industries.com');
    expect(checkAddress('jan@gmial.com', ctx).suggestion).toBeNull();
  });
});

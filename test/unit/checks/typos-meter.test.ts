import { describe, expect, it } from 'vitest';
import { mailProviderDomains } from '@/lib/checks/data/mail-domains';
import { TypoMeter } from '@/lib/checks/typo-meter';

/** The typo engine measures one typed domain against sorted candidates, reusing the rows of shared prefixes. */
describe('TypoMeter row reuse', () => {
  const typedDomains = ['hotmial.fr', 'yaho.com.br', 'gmail.con', 'outlok.de', 'hotmail.co.uk', 'x', 'live.co.u'];
  const sorted = [...mailProviderDomains].sort();
  const shuffled = [...mailProviderDomains].sort((a, b) => (a.length * 7919 + a.charCodeAt(0)) % 13 - (b.length * 7919 + b.charCodeAt(0)) % 13);

  it.each(typedDomains)('costs for %s do not depend on the order candidates come in, nor on the limit before', (typed) => {
    const fresh = (candidate: string, limit: number) => new TypoMeter(typed).cost(candidate, limit);
    for (const order of [sorted, shuffled]) {
      const shared = new TypoMeter(typed);
      order.forEach((candidate, i) => {
        const limit = 1 + (i % 3); // limits go up and down between calls
        expect([candidate, shared.cost(candidate, limit)]).toEqual([candidate, fresh(candidate, limit)]);
      });
    }
  });

  it('grows for candidates far longer than what was typed', () => {
    const meter = new TypoMeter('ab');
    expect(meter.cost('abcdefghijklmnopqrstuvwxyz', 30)).toBe(24);
    expect(meter.cost('ab', 2)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { mailProviderDomains } from '@/lib/checks/data/mail-domains';
import { TypoMeter } from '@/lib/checks/typo-meter';
import { suggestDomain, type TypoContext } from '@/lib/checks/typos';

/** The typo engine keeps its meters from address to address (`reset`), so nothing may carry over between them. */
describe('TypoMeter reset', () => {
  const sorted = [...mailProviderDomains].sort();
  const typedDomains = ['hotmial.fr', 'x', '', 'yaho.com.br', 'gmail.con', 'a'.repeat(200), 'outlok.de', 'live.co.u'];

  it('costs the same as a fresh meter, whatever it measured before', () => {
    const reused = new TypoMeter('');
    for (const typed of typedDomains) {
      reused.reset(typed);
      const fresh = new TypoMeter(typed);
      let limit = 2; // the engine's way: the limit only comes down for one typed string
      for (const candidate of sorted) {
        const cost = reused.cost(candidate, limit);
        expect([typed, candidate, cost]).toEqual([typed, candidate, fresh.cost(candidate, limit)]);
        if (cost < limit) limit = cost;
      }
    }
  });

  it('answers the same for limits going up as well as down', () => {
    const reused = new TypoMeter('gmial.com');
    const fresh = new TypoMeter('gmial.com');
    const limits = [0, 3, 1, 2, 0, 2, 3, 1];
    sorted.forEach((candidate, i) => {
      const limit = limits[i % limits.length] ?? 2;
      expect([candidate, reused.cost(candidate, limit)]).toEqual([candidate, fresh.cost(candidate, limit)]);
    });
  });
});

describe('suggestDomain with shared meters', () => {
  const nobody: TypoContext = { frequentDomains: new Map(), trustedDomains: new Set() };
  const domains = ['gmial.com', 'acme.cpm', 'hotmai.lco.uk', 'gxm.com', 'hotmail.ml', 'aopl.cdom', 'x.con', 'qq.cmo', 'gmail.com'];

  it('answers the same in any order', () => {
    const forward = domains.map((d) => suggestDomain(d, nobody));
    const backward = [...domains].reverse().map((d) => suggestDomain(d, nobody)).reverse();
    expect(backward).toEqual(forward);
    expect(forward).toEqual(['gmail.com', 'acme.com', 'hotmail.co.uk', 'gmx.com', 'hotmail.nl', 'aol.com', 'x.com', 'qq.com', null]);
  });

  it('leaves a very long domain alone without building a table for its length', () => {
    expect(suggestDomain(`${'a'.repeat(100_000)}.com`, nobody)).toBeNull();
    expect(suggestDomain('gmial.com', nobody)).toBe('gmail.com');
  });
});

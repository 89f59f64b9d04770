import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostListEntries } from '@/lib/checks/data/host-list';
import { mailProviderDomains, realNeighbourDomains, singleDomainBrands } from '@/lib/checks/data/mail-domains';
import { shortenerHosts } from '@/lib/checks/data/shorteners';
import { topLevelDomains } from '@/lib/checks/data/tlds';

const source = (file: string) => readFileSync(new URL(`../../../lib/checks/data/${file}`, import.meta.url), 'utf8');
const regenerate = 'run `node --import tsx lib/checks/data/generate.ts`';

describe('generated data modules match their licensed sources', () => {
  it(`shorteners.ts lists exactly the hosts of shorteners.txt (${regenerate})`, () => {
    expect(shortenerHosts).toEqual(hostListEntries(source('shorteners.txt')));
  });

  it(`tlds.ts lists exactly the TLDs of tlds.txt (${regenerate})`, () => {
    expect(topLevelDomains).toEqual(hostListEntries(source('tlds.txt')));
  });

  it('shorteners.txt keeps its source and licence header', () => {
    expect(source('shorteners.txt')).toMatch(/^# Source: https:\/\/github\.com\/PeterDaveHello\/url-shorteners.*\n# Licence: CC-BY-SA-4\.0/);
  });

  it('the shipped lists look like host names', () => {
    const host = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
    expect(shortenerHosts.length).toBeGreaterThan(1000);
    expect(topLevelDomains.length).toBeGreaterThan(1000);
    expect([...shortenerHosts, ...topLevelDomains].filter((h) => !host.test(h))).toEqual([]);
    for (const tld of ['com', 'de', 'cm', 'co', 'om', 'app', 'xn--p1ai']) expect(topLevelDomains).toContain(tld);
    for (const typo of ['con', 'cmo', 'cpm', 'comm', 'ocm']) expect(topLevelDomains).not.toContain(typo);
  });
});

describe('mail-domains', () => {
  const all = [...mailProviderDomains, ...realNeighbourDomains];

  it('lists each domain once, in lower case, with a known TLD', () => {
    expect(new Set(all).size).toBe(all.length);
    const tlds = new Set(topLevelDomains);
    expect(all.filter((d) => d !== d.toLowerCase() || !tlds.has(d.slice(d.lastIndexOf('.') + 1)))).toEqual([]);
  });

  it('single-domain brands are providers', () => {
    expect(singleDomainBrands.filter((d) => !mailProviderDomains.includes(d))).toEqual([]);
  });
});

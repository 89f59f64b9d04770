import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinReferenceDomains } from '@/lib/checks/known-domains';
import { checkTypos, suggestDomain, typoEngine, type TypoContext } from '@/lib/checks/typos';
import { context, draft } from './helpers';

const nobody: TypoContext = { frequentDomains: new Map(), trustedDomains: new Set() };

describe('suggestDomain', () => {
  it.each([
    // keyboard slips on well-known providers
    ['gmial.com', 'gmail.com'], // transposition
    ['gmaik.com', 'gmail.com'], // neighbouring key
    ['gmaill.com', 'gmail.com'], // doubled key
    ['gmal.com', 'gmail.com'], // skipped key
    ['gma9il.com', 'gmail.com'], // neighbour pressed along
    ['gmail.con', 'gmail.com'],
    ['gmail.cmo', 'gmail.com'],
    ['gmail.comm', 'gmail.com'],
    ['gmail.ocm', 'gmail.com'],
    ['gmail.cm', 'gmail.com'], // .cm is Cameroon, but gmail.cm is no mail domain
    ['gmail,com', 'gmail.com'], // comma for dot
    ['gmailcom', 'gmail.com'],
    ['gmail.co.uk', 'gmail.com'], // the right name with a wrong ending: Gmail has one domain
    ['hotmial.co.uk', 'hotmail.co.uk'],
    ['hotmai.lco.uk', 'hotmail.co.uk'],
    ['yahoo.cm.br', 'yahoo.com.br'],
    ['yaho.com.ua', 'yahoo.com.ua'], // measured by `yahoo`: com.ua is a two-label ending
    ['yaho.fr', 'yahoo.fr'],
    ['outlok.de', 'outlook.de'], // QWERTZ users
    ['oranhe.fr', 'orange.fr'], // AZERTY users
    ['web.de.de', 'web.de'],
    ['t.online.de', 't-online.de'],
    ['tonline.de', 't-online.de'],
    ['libero.kt', 'libero.it'],
    ['yandx.ru', 'yandex.ru'],
    ['mail.r', 'mail.ru'],
    ['163com', '163.com'],
    ['qq.cmo', 'qq.com'],
    ['nvaer.com', 'naver.com'],
    ['protonmial.com', 'protonmail.com'],
    ['comcats.net', 'comcast.net'],
    ['btinterent.com', 'btinternet.com'],
    ['iclod.com', 'icloud.com'],
    // TLD slips on any domain
    ['acme.cpm', 'acme.com'],
    ['acme.comn', 'acme.com'],
    ['acme.ocm', 'acme.com'],
    ['acme.ne', null], // .ne is Niger: real
    ['acme.couk', 'acme.co.uk'],
    ['acme.nte', 'acme.net'],
    ['acme.orgg', 'acme.org'],
    ['acme.com.com', 'acme.com'],
    ['acme.com.brr', 'acme.com.br'], // the country of a two-label ending, doubled
    ['acme.ac.ukk', 'acme.ac.uk'],
    ['x.con', 'x.com'], // a one-character name still gets its ending fixed
    // a real country ending reached by one slip
    ['hotmail.ml', 'hotmail.nl'],
    ['yahoo.com.bt', 'yahoo.com.br'],
    // short providers: a key missing, extra or swapped
    ['gxm.com', 'gmx.com'],
    ['we.de', 'web.de'],
    ['aoll.com', 'aol.com'],
    // two slips: one in the name, one in the ending
    ['aopl.cdom', 'aol.com'],
    ['livwe.cvom', 'live.com'],
    // case and IDN forms of the input do not matter
    ['GMIAL.COM', 'gmail.com'],
    ['  gmial.com ', 'gmail.com'],
  ])('%s → %s', (typed, expected) => {
    expect(suggestDomain(typed, nobody)).toBe(expected);
  });

  it.each([
    // well-known real domains are never questioned, however close to another
    ['gmail.com'],
    ['ymail.com'], // Yahoo, not gmail
    ['gmx.com'],
    ['mail.com'],
    ['email.com'],
    ['me.com'],
    ['mac.com'],
    ['live.co.uk'],
    ['hotmail.fr'],
    ['aol.de'],
    ['ao.com'], // AO World, not aol.com
    ['ms.com'], // Morgan Stanley
    ['gmc.com'],
    ['q.com'],
    ['163.net'],
    ['icloud.com.cn'],
    ['yahoo.com.ua'], // Yahoo's Ukrainian domain, one swap from yahoo.com.au
    // real TLDs that are also common slips stay as typed on unknown domains
    ['accenture.cm'],
    ['huggingface.co'],
    ['omantel.om'],
    ['notion.so'],
    ['deno.land'],
    ['linear.app'],
    // unknown domains far from anything known
    ['example.com'],
    ['acme-industries.com'],
    ['uni-heidelberg.de'],
    // names of up to three letters: every one is taken, so a replaced letter is no evidence (only missing, extra,
    // swapped)
    ['mr.com'],
    ['ne.com'],
    ['qa.com'],
    ['gmc.com'], // General Motors trucks, not gmx.com
    ['man.com'], // Man Group, not msn.com
    ['apl.com'],
    // one-character names are all registered and sought after
    ['q.com'], // not qq.com
    ['x.com'],
    ['m.me'], // not pm.me
    ['t.co'],
    // a real country ending with both keys wrong is another country on purpose
    ['hotmail.ru'], // not hotmail.fi
    ['outlook.co.uk'], // not outlook.co.il
    ['yahoo.com.kh'], // not yahoo.com.hk: swapped, both keys are wrong
    ['fastmail.fm'], // not fastmail.com
    // the right name with another ending is a wrong ending only for distinctive single-domain brands
    ['163.net'], // NetEase, not 163.com
    ['126.net'],
    ['qq.cn'],
    // digits in a mixed name are identifiers
    ['client30-holdings.com'],
    // ties give nothing: yahoo.es or yahoo.se? gmail.com or email.com?
    ['yahoo.s'],
    ['gemail.com'],
    // nothing to judge
    [''],
    ['   '],
    ['[192.0.2.1]'],
    ['bücher.de'],
    ['xn--bcher-kva.de'],
  ])('%j stays as it is', (typed) => {
    expect(suggestDomain(typed, nobody)).toBeNull();
  });

  it('suggests the user’s frequent and trusted domains', () => {
    const ctx: TypoContext = { frequentDomains: new Map([['acme-industries.com', 12]]), trustedDomains: new Set(['bounceguard.dev']) };
    expect(suggestDomain('acme-industires.com', ctx)).toBe('acme-industries.com');
    expect(suggestDomain('acme-industries.cm', ctx)).toBe('acme-industries.com'); // .cm is real, but she means her client
    expect(suggestDomain('bounceguard.dve', ctx)).toBe('bounceguard.dev');
  });

  it('never questions the user’s frequent or trusted domains, nor their subdomains', () => {
    const ctx: TypoContext = { frequentDomains: new Map([['gmial.com', 3]]), trustedDomains: new Set(['hotmial.com']) };
    expect(suggestDomain('gmial.com', ctx)).toBeNull();
    expect(suggestDomain('hotmial.com', ctx)).toBeNull();
    expect(suggestDomain('eu.hotmial.com', ctx)).toBeNull();
  });

  it('needs more than one send before a domain counts as the user’s', () => {
    const once: TypoContext = { frequentDomains: new Map([['gmial.com', 1]]), trustedDomains: new Set() };
    expect(suggestDomain('gmial.com', once)).toBe('gmail.com');
    const twice: TypoContext = { frequentDomains: new Map([['gmial.com', 2]]), trustedDomains: new Set() };
    expect(suggestDomain('gmial.com', twice)).toBeNull();
  });

  it('gives nothing when a user domain ties with a provider', () => {
    const ctx: TypoContext = { frequentDomains: new Map([['gmaul.com', 3]]), trustedDomains: new Set() };
    expect(suggestDomain('gmaiul.com', ctx)).toBeNull(); // one slip from gmail.com and from gmaul.com
  });
});

describe('suggestDomain on the shared typo data', () => {
  const rows = (file: string) =>
    readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
  const domainOf = (address = '') => address.slice(address.lastIndexOf('@') + 1);

  it('finds the intended domain for at least 90% of typos, and of observed ones, and never suggests a wrong one', () => {
    const typos = rows('typos.tsv');
    const found = { all: 0, observed: 0 };
    const wrong: string[] = [];
    for (const [typed, intended, kind] of typos) {
      const suggestion = suggestDomain(domainOf(typed), nobody);
      if (suggestion === domainOf(intended)) {
        found.all++;
        if (kind === 'observed') found.observed++;
      } else if (suggestion !== null) wrong.push(`${typed} → ${suggestion}`);
    }
    expect(typos.length).toBe(629);
    expect(found.all / typos.length).toBeGreaterThanOrEqual(0.9); // 571 / 629 = 90.8% when written
    expect(found.observed / typos.filter(([, , kind]) => kind === 'observed').length).toBeGreaterThanOrEqual(0.9); // 136 / 145
    expect(wrong).toEqual([]);
  });

  it('flags none of the legitimate domains', () => {
    const legit = rows('legit.tsv');
    const flagged = legit.map(([, domain]) => domain ?? '').filter((domain) => suggestDomain(domain, nobody) !== null);
    expect(legit.length).toBe(1701);
    expect(flagged).toEqual([]);
  });
});

describe('the reference lists', () => {
  it('list as real neighbours only domains the rules alone would flag', () => {
    const redundant = builtinReferenceDomains.neighbours.filter((domain) => {
      const neighbours = builtinReferenceDomains.neighbours.filter((d) => d !== domain);
      return typoEngine({ ...builtinReferenceDomains, neighbours })(domain, nobody) === null;
    });
    expect(redundant).toEqual([]);
  });

  it('keep a legit neighbour unflagged by rules, not by listing it, unless it is a provider', () => {
    const engine = typoEngine({ ...builtinReferenceDomains, neighbours: [] });
    const providers = new Set(builtinReferenceDomains.providers);
    const flagged = ['ms.com', 'gmc.com', 'man.com', 'q.com', 'x.com', 'fb.com', 'hp.com', 'ea.com', '163.net', 'ok.ru']
      .filter((domain) => !providers.has(domain) && engine(domain, nobody) !== null);
    expect(flagged).toEqual([]);
  });
});

describe('checkTypos', () => {
  it('warns with a one-click fix naming the full suggested address', () => {
    expect(checkTypos(draft([{ raw: 'Jan Novak <Jan.Novak@gmial.com>', field: 'cc' }]), context())).toEqual([
      {
        id: 'typo:jan.novak@gmial.com',
        kind: 'typo',
        severity: 'warn',
        subject: 'Jan.Novak@gmial.com',
        message: 'Jan.Novak@gmial.com looks like a typo: did you mean Jan.Novak@gmail.com?',
        fix: {
          label: 'Use Jan.Novak@gmail.com',
          action: { type: 'replace-recipient', field: 'cc', from: 'Jan Novak <Jan.Novak@gmial.com>', to: 'Jan.Novak@gmail.com' },
        },
      },
    ]);
  });

  it('replaces only the mistyped address when the typing box holds several', () => {
    const raw = 'a@example.com, "Li, Wei" <wei@hotmial.com>; c@example.org';
    const [finding] = checkTypos(draft([{ raw, source: 'pending', field: 'bcc' }]), context());
    expect(finding?.fix?.action).toEqual({
      type: 'replace-recipient',
      field: 'bcc',
      from: raw,
      to: 'a@example.com, wei@hotmail.com; c@example.org',
    });
  });

  it('offers the fix for a typo that also makes the address malformed', () => {
    const [finding] = checkTypos(draft(['jan@gmail,com']), context());
    expect(finding?.fix?.label).toBe('Use jan@gmail.com');
  });

  it('leaves trusted and frequent domains alone', () => {
    const ctx = context({ trustedDomains: new Set(['gmial.com']) });
    expect(checkTypos(draft(['jan@gmial.com']), ctx)).toEqual([]);
  });

  it.each([[''], ['jan'], ['@gmial.com'], ['jan@']])('ignores %j', (raw) => {
    expect(checkTypos(draft([raw]), context())).toEqual([]);
  });
});

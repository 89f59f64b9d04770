import { describe, expect, it } from 'vitest';
import { linksInText, unwrapLink } from '@/lib/checks/links';
import { checkShortlinks, defaultShorteners, parseShortenerList, shortenerOf } from '@/lib/checks/shortlinks';
import { context, draft } from './helpers';

const subjects = (body: string, links: string[] = [], shorteners = defaultShorteners) =>
  checkShortlinks(draft([], body, links), context({ shorteners })).map((f) => f.subject);

describe('linksInText', () => {
  it.each([
    ['see https://example.com/a?b=1 now', ['https://example.com/a?b=1']],
    ['http://bit.ly/abc.', ['http://bit.ly/abc']],
    ['(https://bit.ly/abc)', ['https://bit.ly/abc']],
    ['https://en.wikipedia.org/wiki/Foo_(bar).', ['https://en.wikipedia.org/wiki/Foo_(bar)']],
    ['visit www.example.com today', ['www.example.com']],
    ['short: bit.ly/xyz, long: tinyurl.com/abc!', ['bit.ly/xyz', 'tinyurl.com/abc']],
    ['"https://t.co/q"', ['https://t.co/q']],
    ['<https://t.co/q>', ['https://t.co/q']],
    ['`https://t.co/q`', ['https://t.co/q']],
    ['line1\nhttps://a.example/x\nline3 www.b.example', ['https://a.example/x', 'www.b.example']],
    ['and/or 1/2 either/or', []],
    ['mention of bit.ly without a path', []],
    ['jan@example.com', []],
    ['', []],
  ])('%j', (text, links) => {
    expect(linksInText(text)).toEqual(links);
  });
});

describe('unwrapLink', () => {
  const target = 'https://bit.ly/3abcDEF';
  it.each([
    ['Google', `https://www.google.com/url?q=${encodeURIComponent(target)}&sa=D&source=editors`],
    ['Google url=', `https://www.google.com/url?url=${encodeURIComponent(target)}`],
    ['Google ccTLD', `https://google.co.uk/url?q=${encodeURIComponent(target)}`],
    ['Outlook Safe Links', `https://eur02.safelinks.protection.outlook.com/?url=${encodeURIComponent(target)}&data=05%7C01`],
    ['Facebook', `https://l.facebook.com/l.php?u=${encodeURIComponent(target)}&h=AT0`],
    ['Proofpoint v2', 'https://urldefense.proofpoint.com/v2/url?u=https-3A__bit.ly_3abcDEF&d=DwMFaQ&c=x&r=y'],
    ['Proofpoint v3', 'https://urldefense.com/v3/__https://bit.ly/3abcDEF__;!!ABC!xyz$'],
    ['Google inside Safe Links', `https://nam.safelinks.protection.outlook.com/?url=${encodeURIComponent(`https://www.google.com/url?q=${encodeURIComponent(target)}`)}`],
  ])('%s', (_, link) => {
    expect(unwrapLink(link)).toEqual({ url: new URL(target), wrapped: true });
  });

  it('decodes the characters Proofpoint v3 escaped', () => {
    const link =
      'https://urldefense.com/v3/__https://google.com:443/search?q=a*test&gs=ps__;Kw!-612Flbf0JvQ3kNJkRi5Jg!Ut5ThEZG_C2IKSKUlLwPFJBVtX2Ll5trJL3xx4xc52CM5I5SS1GmFr9pPNQ-1_8$';
    expect(unwrapLink(link)?.url.href).toBe('https://google.com/search?q=a+test&gs=ps');
  });

  it.each([
    ['a plain link', 'https://example.com/a'],
    ['a Google search, not a redirect', 'https://www.google.com/search?q=bit.ly'],
    ['Mimecast (opaque)', 'https://protect-eu.mimecast.com/s/AbCdEfGh?domain=bit.ly'],
  ])('leaves %s as it is', (_, link) => {
    expect(unwrapLink(link)).toEqual({ url: new URL(link), wrapped: false });
  });

  it.each([['mailto:jan@example.com'], ['tel:+3212345'], ['javascript:void(0)'], [''], ['http://']])('ignores %j', (link) => {
    expect(unwrapLink(link)).toBeNull();
  });
});

describe('shortenerOf', () => {
  const list = new Set(['bit.ly', 'tinyurl.com']);
  it.each([
    ['bit.ly', 'bit.ly'],
    ['www.bit.ly', 'bit.ly'],
    ['m.tinyurl.com', 'tinyurl.com'],
    ['notbit.ly', null],
    ['bit.ly.example.com', null],
    ['ly', null],
  ])('%s → %s', (host, expected) => {
    expect(shortenerOf(host, list)).toBe(expected);
  });
});

describe('checkShortlinks', () => {
  it('warns about a shortened href, naming the link and saying what to do', () => {
    expect(checkShortlinks(draft([], '', ['https://bit.ly/3abc']), context())).toEqual([
      {
        id: 'shortlink:bit.ly/3abc',
        kind: 'shortlink',
        severity: 'warn',
        subject: 'https://bit.ly/3abc',
        message:
          'The link https://bit.ly/3abc is shortened by bit.ly. Spam filters distrust shortened links, so this mail ' +
          'is more likely to be held or rejected; link to the full address instead.',
      },
    ]);
  });

  it.each([
    ['a bare link in the text', 'Pay here: bit.ly/pay-now.', [], ['bit.ly/pay-now']],
    ['www and mobile subdomains', '', ['https://www.bit.ly/a', 'http://m.tinyurl.com/b'], ['https://www.bit.ly/a', 'http://m.tinyurl.com/b']],
    ['upper-case host', '', ['HTTPS://BIT.LY/Abc'], ['HTTPS://BIT.LY/Abc']],
    ['a wrapped link, shown unwrapped', '', [`https://www.google.com/url?q=${encodeURIComponent('https://t.co/x')}`], ['https://t.co/x']],
    ['plain links are fine', 'see https://example.com/a and www.example.org', ['https://example.com/b'], []],
    ['a wrapper around a plain link is fine', '', [`https://www.google.com/url?q=${encodeURIComponent('https://example.com/')}`], []],
    ['mailto links are no web links', '', ['mailto:jan@bit.ly'], []],
    ['garbage hrefs', '', ['http://', '::::', '%%%', '', ' '], []],
  ])('%s', (_, body, links, expected) => {
    expect(subjects(body, links)).toEqual(expected);
  });

  it('reports each destination once: the href, its text and a wrapped copy are one link', () => {
    const body = 'Click https://bit.ly/abc or bit.ly/abc/';
    const links = ['https://bit.ly/abc', `https://www.google.com/url?q=${encodeURIComponent('http://www.bit.ly/abc')}`];
    expect(subjects(body, links)).toEqual(['https://bit.ly/abc']);
  });

  it('keeps links that differ only in the case of their code apart (bit.ly codes are case-sensitive)', () => {
    expect(subjects('', ['https://bit.ly/abc', 'https://bit.ly/ABC'])).toHaveLength(2);
  });

  it('uses the context’s list, including the user’s own additions', () => {
    expect(subjects('go.acme.example/offer', [], new Set(['acme.example']))).toEqual(['go.acme.example/offer']);
    expect(subjects('bit.ly/x', [], new Set())).toEqual([]);
  });
});

describe('parseShortenerList', () => {
  it('reads hosts, skipping comments and blank lines, lower-cased and without repeats', () => {
    expect(parseShortenerList('# header\n\nBit.ly\n tinyurl.com  # trailing\nbit.ly\r\n')).toEqual(new Set(['bit.ly', 'tinyurl.com']));
  });

  it('the shipped list has the classics', () => {
    for (const host of ['bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly']) expect(defaultShorteners.has(host)).toBe(true);
  });
});

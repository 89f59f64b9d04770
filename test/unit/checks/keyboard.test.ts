import { describe, expect, it } from 'vitest';
import { characterMask, nearKeys } from '@/lib/checks/keyboard';
import { TypoMeter } from '@/lib/checks/typo-meter';

describe('nearKeys', () => {
  it.each([
    ['q', 'w', true], // QWERTY row
    ['a', 'q', true], // row above
    ['a', 'z', true], // row below
    ['o', '0', true], // number row
    ['z', 'u', true], // QWERTZ: z sits where QWERTY has y
    ['m', 'l', true], // AZERTY: m ends the home row
    ['.', ',', true],
    ['.', '-', true], // QWERTZ bottom row, and both separate labels
    ['a', 'p', false],
    ['g', 'y', true],
    ['c', 'm', false],
    ['é', 'e', false], // outside the table: never near
  ])('%s and %s: %s', (a, b, expected) => {
    expect(nearKeys(a, b)).toBe(expected);
    expect(nearKeys(b, a)).toBe(expected);
  });
});

describe('TypoMeter', () => {
  it.each([
    ['gmail.com', 'gmail.com', 0],
    ['gmial.com', 'gmail.com', 1], // swapped keys
    ['gmaik.com', 'gmail.com', 1], // neighbouring key
    ['gmaill.com', 'gmail.com', 1], // doubled key
    ['gmal.com', 'gmail.com', 1], // skipped key
    ['gma9il.com', 'gmail.com', 1], // neighbour pressed along
    ['gmail,com', 'gmail.com', 1], // comma for dot
    ['163com', '163.com', 1], // dot skipped
    ['gmpil.com', 'gmail.com', 2], // a key no finger slip explains
    ['0hotmail.com', 'hotmail.com', 2], // a stray character
    ['hitmail.clom', 'hotmail.com', 2], // two slips
    ['153.com', '163.com', 2], // a digit for a neighbouring digit is no slip: numbers are identifiers
    ['gmial.co', 'gmail.com', 2], // swapped, then the last key skipped
    ['gmial.comx', 'gmail.com', 3], // swapped, then a stray key (capped at limit + 1)
  ])('%s for %s costs %i', (typed, intended, cost) => {
    expect(new TypoMeter(typed).cost(intended, 2)).toBe(Math.min(cost, 3));
  });

  it('stops early, returning limit + 1, once the cost must exceed the limit', () => {
    expect(new TypoMeter('yahoo.com').cost('gmail.com', 1)).toBe(2);
    expect(new TypoMeter('a').cost('abcdef', 2)).toBe(3);
  });

  it('measures one typed string against many candidates of any length', () => {
    const meter = new TypoMeter('gmial.com');
    expect(['gmail.com', 'x'.repeat(300), 'gmail.comm', 'gmail.com'].map((c) => meter.cost(c, 2))).toEqual([1, 3, 2, 1]);
  });

  it('characterMask bounds the edits from below', () => {
    const bits = (n: number) => n.toString(2).replace(/0/g, '').length;
    expect(bits(characterMask('gmail.com') ^ characterMask('gmial.com'))).toBe(0);
    expect(bits(characterMask('gmail.com') ^ characterMask('yahoo.de'))).toBeGreaterThan(4);
  });
});

import { describe, expect, it } from 'vitest';
import { registrableName } from '@/lib/checks/known-domains';

describe('registrableName', () => {
  it.each([
    ['yahoo.co.uk', 'yahoo'],
    ['mail.acme.com', 'acme'],
    ['gmail.com', 'gmail'],
    ['a.b.yahoo.com.br', 'yahoo'],
    ['co.uk', 'co'], // a two-label ending alone: its first label
    ['x.co.uk', 'x'],
    ['acme.co.zz', 'co'], // no two-label ending: the label before the last
    ['localhost', 'localhost'], // one label: the domain itself
    ['.com', ''],
    ['.co.uk', ''],
    ['acme..com', ''],
    ['acme.com.', 'com'],
  ])('%s: %s', (domain, name) => {
    expect(registrableName(domain)).toBe(name);
  });
});

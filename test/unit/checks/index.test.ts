import { describe, expect, it, vi } from 'vitest';
import { checks, runChecks } from '@/lib/checks';
import type { CheckContext } from '@/lib/checks/types';
import { context, draft, fact, facts } from './helpers';

const busyDraft = draft(
  [
    { raw: 'Jan <jan@example.com>', field: 'to' },
    { raw: 'jan@example.com', field: 'cc' }, // same address again: one finding per problem
    { raw: 'ana@gmial.com', field: 'to' },
    { raw: 'ANA@gmial.com', field: 'bcc' },
    { raw: 'bad@@example.com', field: 'cc' },
    { raw: 'soft@example.com, piet@hotmial.com', field: 'to', source: 'pending' },
  ],
  'Details: bit.ly/abc and again https://bit.ly/abc',
  ['https://bit.ly/abc'],
);
const busyContext = context({
  facts: facts(fact('jan@example.com'), fact('soft@example.com', { class: 'soft', reason: 'mailboxfull', suppressed: false })),
});

describe('runChecks', () => {
  it('lists block before warn, one finding per problem, with stable ids', () => {
    expect(runChecks(busyDraft, busyContext).map((f) => [f.severity, f.id])).toEqual([
      ['block', 'bounced:jan@example.com'],
      ['block', 'malformed:bad@@example.com'],
      ['warn', 'bounced:soft@example.com'],
      ['warn', 'typo:ana@gmial.com'],
      ['warn', 'typo:piet@hotmial.com'],
      ['warn', 'shortlink:bit.ly/abc'],
    ]);
  });

  it('gives the same findings for the same draft read again', () => {
    const again = structuredClone(busyDraft);
    expect(runChecks(again, busyContext)).toEqual(runChecks(busyDraft, busyContext));
  });

  it('sees a recipient list changed in place', () => {
    const changing = draft(['jan@gmial.com']);
    expect(runChecks(changing, context())).toHaveLength(1);
    changing.recipients[0] = { field: 'to', raw: 'jan@gmail.com', source: 'chip' };
    expect(runChecks(changing, context())).toEqual([]);
    (changing.recipients[0] as { raw: string }).raw = 'jan@gmial.com';
    expect(runChecks(changing, context())).toHaveLength(1);
  });

  it.each(Object.keys(checks) as (keyof typeof checks)[])('runs only enabled checks: %s off', (name) => {
    const enabled: CheckContext['enabled'] = { bounced: true, malformed: true, typo: true, shortlink: true, [name]: false };
    const kinds = runChecks(busyDraft, { ...busyContext, enabled }).map((f) => f.kind);
    expect(kinds).not.toContain(name);
    expect(new Set(kinds).size).toBe(3);
  });

  it('runs nothing when everything is off', () => {
    const enabled = { bounced: false, malformed: false, typo: false, shortlink: false };
    expect(runChecks(busyDraft, { ...busyContext, enabled })).toEqual([]);
  });

  it('fails open: a check that throws is reported and the others still run', () => {
    const broken = { ...busyContext, facts: { get: () => { throw new Error('boom'); } } as unknown as CheckContext['facts'] };
    const onError = vi.fn();
    const findings = runChecks(busyDraft, broken, onError);
    expect(onError).toHaveBeenCalledWith('bounced', expect.any(Error));
    expect(findings.map((f) => f.kind)).toEqual(['malformed', 'typo', 'typo', 'shortlink']);
  });

  it.each([
    ['no recipients, no body', draft()],
    ['whitespace everywhere', draft(['  ', '\n'], '   \n\t', [' '])],
    ['garbage', draft(['<<>>', '""', '@', ',;,;'], '\u0000http://\u0000 www. /// bit.ly/', ['::', 'http://%'])],
  ])('copes with %s', (_, d) => {
    expect(() => runChecks(d, context())).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { parseSuppressionExport } from '../../server/import/formats';
import { importSuppressions } from '../../server/store/import';
import { count, START, testServer } from './helpers';

const now = START;

describe('parseSuppressionExport', () => {
  it('reads SES list-suppressed-destinations JSON', () => {
    const json = JSON.stringify({
      SuppressedDestinationSummaries: [
        { EmailAddress: 'Gone@Example.com', Reason: 'BOUNCE', LastUpdateTime: '2026-10-01T08:00:00Z' },
        { EmailAddress: 'angry@example.com', Reason: 'COMPLAINT', LastUpdateTime: 1790000000 },
      ],
      NextToken: 'abc',
    });
    expect(parseSuppressionExport(json, now)).toEqual({
      format: 'ses-json',
      invalid: [],
      entries: [
        { address: 'gone@example.com', class: 'hard', reason: 'suppressed', status: null, diagnostic: null, source: 'ses', at: Date.parse('2026-10-01T08:00:00Z') },
        { address: 'angry@example.com', class: 'complaint', reason: 'feedback', status: null, diagnostic: null, source: 'ses', at: 1_790_000_000_000 },
      ],
    });
  });

  it('reads a SendGrid bounce export (CSV)', () => {
    const csv = 'created,email,reason,status\n1790000000,jan@example.com,"550 5.1.1 The email account that you tried to reach does not exist, sorry",5.1.1\n';
    expect(parseSuppressionExport(csv, now).entries).toEqual([
      {
        address: 'jan@example.com',
        class: 'hard',
        reason: 'suppressed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 The email account that you tried to reach does not exist, sorry',
        source: 'sendgrid',
        at: 1_790_000_000_000,
      },
    ]);
  });

  it('reads a Postmark suppression export (CSV and JSON dump)', () => {
    const csv = 'EmailAddress,SuppressionReason,Origin,CreatedAt\r\nhb@x.test,HardBounce,Recipient,2026-10-01T08:00:00-05:00\r\nsc@x.test,SpamComplaint,Recipient,\r\nms@x.test,ManualSuppression,Customer,\r\n';
    const parsed = parseSuppressionExport(csv, now);
    expect(parsed.format).toBe('postmark-csv');
    expect(parsed.entries.map((e) => [e.address, e.class, e.source])).toEqual([
      ['hb@x.test', 'hard', 'postmark'],
      ['sc@x.test', 'complaint', 'postmark'],
      ['ms@x.test', 'manual', 'postmark'],
    ]);
    expect(parsed.entries[1]?.at).toBe(now);
    const dump = JSON.stringify({ Suppressions: [{ EmailAddress: 'hb@x.test', SuppressionReason: 'HardBounce', Origin: 'Recipient', CreatedAt: '2026-10-01T08:00:00-05:00' }] });
    expect(parseSuppressionExport(dump, now)).toMatchObject({ format: 'postmark-json', entries: [{ address: 'hb@x.test', class: 'hard' }] });
  });

  it('reads one address per line as manual entries, without duplicates', () => {
    const parsed = parseSuppressionExport('\uFEFFa@x.test\n\nB@X.test\r\na@x.test\n', now);
    expect(parsed).toMatchObject({ format: 'lines', invalid: [] });
    expect(parsed.entries.map((e) => [e.address, e.class, e.source])).toEqual([
      ['a@x.test', 'manual', 'manual'],
      ['b@x.test', 'manual', 'manual'],
    ]);
  });

  it('reports entries that are not addresses', () => {
    expect(parseSuppressionExport('a@x.test\nnot an address\nb@', now).invalid).toEqual(['not an address', 'b@']);
  });

  it('refuses JSON it does not know', () => {
    expect(() => parseSuppressionExport('{"Items": []}', now)).toThrow(/neither/);
    expect(() => parseSuppressionExport('{"broken', now)).toThrow(/not valid JSON/);
  });
});

describe('importSuppressions', () => {
  it('lists new addresses as suppressed under new feed seqs and leaves listed ones alone', async () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const { entries } = parseSuppressionExport('a@x.test\nb@x.test', now);
    expect(importSuppressions(server.db, admin.orgId, entries, { file: 'list.txt', format: 'lines' }, now)).toEqual({ added: 2, alreadyListed: 0 });
    const again = parseSuppressionExport('b@x.test\nc@x.test', now).entries;
    expect(importSuppressions(server.db, admin.orgId, again, { file: 'list2.txt', format: 'lines' }, now)).toEqual({ added: 1, alreadyListed: 1 });
    const feed = await server.call('/v1/sync', { as: admin });
    expect(feed.body.changes.map((c: { row: { address: string; seq: number; suppressed: boolean; source: string } }) => [c.row.address, c.row.seq, c.row.suppressed, c.row.source])).toEqual([
      ['a@x.test', 1, true, 'manual'],
      ['b@x.test', 2, true, 'manual'],
      ['c@x.test', 3, true, 'manual'],
    ]);
    expect(count(server.db, 'audit_log')).toBe(2);
  });
});

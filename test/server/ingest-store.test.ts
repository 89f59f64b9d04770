import { describe, expect, it } from 'vitest';
import { feedState } from '../../server/db/orgs';
import { recordEvents } from '../../server/store/events';
import { count, DAY, event, ingest, START, testServer, verdicts } from './helpers';

function suppression(server: ReturnType<typeof testServer>, address: string) {
  return server.db
    .prepare('SELECT class, reason, bounce_count AS bounceCount, suppressed, seq FROM suppressions WHERE address = ?')
    .get(address) as { class: string; reason: string; bounceCount: number; suppressed: number; seq: number } | undefined;
}

describe('recordEvents: idempotent ingest', () => {
  it('stores a retried event once: one bounce, no second feed entry, the raw payload once', () => {
    const server = testServer();
    const admin = server.user('Acme', 'boss@acme.test', 'admin');
    const bounce = event({ eventId: 'ses-1' });
    expect(ingest(server, admin.orgId, [[bounce, verdicts.hard]], 'payload')).toEqual({
      inserted: 1,
      duplicates: 0,
      changed: ['jan@example.com'],
      eventIds: [1],
    });
    const seqAfterFirst = feedState(server.db, admin.orgId).head;
    expect(ingest(server, admin.orgId, [[bounce, verdicts.hard]], 'payload')).toEqual({
      inserted: 0,
      duplicates: 1,
      changed: [],
      eventIds: [],
    });
    // A retry re-signed by the provider differs in bytes but still changes nothing.
    ingest(server, admin.orgId, [[bounce, verdicts.hard]], 'payload, signed again');
    expect(count(server.db, 'bounce_events')).toBe(1);
    expect(count(server.db, 'raw_payloads')).toBe(1);
    expect(feedState(server.db, admin.orgId).head).toBe(seqAfterFirst);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ bounceCount: 1, suppressed: 1 });
  });

  it('keeps every raw payload that brought a new event, for re-classification', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, orgId, [[event({ recipient: 'a@x.test' }), verdicts.soft]], 'first delivery');
    ingest(server, orgId, [[event({ recipient: 'b@x.test' }), verdicts.soft]], 'second delivery');
    const bodies = server.db.prepare("SELECT CAST(body AS TEXT) AS body FROM raw_payloads ORDER BY id").all();
    expect(bodies).toEqual([{ body: 'first delivery' }, { body: 'second delivery' }]);
    const linked = server.db.prepare('SELECT count(DISTINCT raw_payload_id) AS n FROM bounce_events').get();
    expect(linked).toEqual({ n: 2 });
  });

  it('is idempotent per event within a batch too, and per org', () => {
    const server = testServer();
    const acme = server.user('Acme', 'boss@acme.test', 'admin');
    const globex = server.user('Globex', 'boss@globex.test', 'admin');
    const same = event({ eventId: 'shared-id' });
    expect(ingest(server, acme.orgId, [[same, verdicts.hard], [same, verdicts.hard]]).inserted).toBe(1);
    // Another org's webhook may carry the same provider id: it is that org's event.
    expect(ingest(server, globex.orgId, [[same, verdicts.hard]]).inserted).toBe(1);
  });

  it('classifies bounces with the given classifier and stores nothing when it throws', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    const classify = (e: { recipient: string }) => {
      if (e.recipient === 'boom@x.test') throw new Error('classifier failed');
      return verdicts.hard;
    };
    const deps = { ...server.store, classify };
    expect(() =>
      recordEvents(deps, orgId, [event({ recipient: 'ok@x.test' }), event({ recipient: 'boom@x.test' })], 'raw'),
    ).toThrow('classifier failed');
    expect(count(server.db, 'bounce_events')).toBe(0);
    expect(recordEvents(deps, orgId, [event({ recipient: 'ok@x.test' })], 'raw').inserted).toBe(1);
  });

  it('rejects events that do not match IngestEvent, storing nothing', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    const bad = { ...event(), occurredAt: -5 };
    expect(() => recordEvents({ ...server.store, classify: () => verdicts.hard }, orgId, [bad], 'raw')).toThrow();
    expect(count(server.db, 'raw_payloads')).toBe(0);
  });

  it('leaves no half-written rows when the database fails mid-ingest', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    // A fault on the third address's suppression row, after two events and two rows were already written.
    server.db.exec(`CREATE TEMP TRIGGER fault BEFORE INSERT ON suppressions WHEN NEW.address = 'c@x.test'
      BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const batch = ['a@x.test', 'b@x.test', 'c@x.test'].map((recipient) => [event({ recipient }), verdicts.hard] as const);
    expect(() => ingest(server, orgId, batch.map(([e, v]) => [e, v]))).toThrow('disk on fire');
    for (const table of ['raw_payloads', 'bounce_events', 'suppressions']) expect(count(server.db, table)).toBe(0);
    expect(feedState(server.db, orgId).head).toBe(0);
    server.db.exec('DROP TRIGGER fault');
    expect(ingest(server, orgId, batch.map(([e, v]) => [e, v])).inserted).toBe(3);
  });
});

describe('recordEvents: policy', () => {
  it('suppresses a hard bounce at once', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, orgId, [[event(), verdicts.hard]]);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ class: 'hard', reason: 'userunknown', suppressed: 1 });
  });

  it('counts soft bounces and suppresses at the third within 14 days', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    const soft = (days: number) => ingest(server, orgId, [[event({ occurredAt: START + days * DAY }), verdicts.soft]]);
    soft(0);
    soft(6);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ class: 'soft', bounceCount: 2, suppressed: 0 });
    soft(13);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ bounceCount: 3, suppressed: 1 });
  });

  it('does not suppress three soft bounces spread over more than 14 days', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    for (const days of [0, 10, 20]) ingest(server, orgId, [[event({ occurredAt: START + days * DAY }), verdicts.soft]]);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ bounceCount: 3, suppressed: 0 });
  });

  it('never suppresses a block, but lists it so the sender is warned', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    for (let i = 0; i < 5; i++) ingest(server, orgId, [[event(), verdicts.block]]);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ class: 'block', bounceCount: 5, suppressed: 0 });
  });

  it('suppresses a complaint', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, orgId, [[event({ kind: 'complaint', status: null, replyCode: null, diagnostic: null }), null]]);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ class: 'complaint', reason: 'feedback', suppressed: 1 });
  });

  it('follows the org’s own policy', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    server.db.prepare('UPDATE orgs SET policy = ? WHERE id = ?').run('{"soft":{"suppressAfter":1}}', orgId);
    ingest(server, orgId, [[event(), verdicts.soft]]);
    expect(suppression(server, 'jan@example.com')).toMatchObject({ suppressed: 1 });
  });

  it('records ESP "already suppressed" echoes, deliveries and auto-replies without counting them', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, orgId, [[event({ kind: 'suppressed-echo' }), null]]);
    ingest(server, orgId, [[event({ kind: 'delivery', recipient: 'ok@x.test' }), null]]);
    ingest(server, orgId, [[event({ recipient: 'away@x.test' }), verdicts.ignore]]);
    expect(count(server.db, 'bounce_events')).toBe(3);
    expect(count(server.db, 'suppressions')).toBe(0);
    expect(feedState(server.db, orgId).head).toBe(0);
  });

  it('records but does not list an address the extension’s schema would refuse (it would stop every sync)', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    // 'İ' lower-cases to two UTF-16 units: 172 characters in, 332 stored.
    ingest(server, orgId, [[event({ recipient: `${'İ'.repeat(160)}@example.com` }), verdicts.hard]]);
    expect(count(server.db, 'bounce_events')).toBe(1);
    expect(count(server.db, 'suppressions')).toBe(0);
  });

  it('normalizes recipients the way the extension looks them up', () => {
    const server = testServer();
    const { orgId } = server.user('Acme', 'boss@acme.test', 'admin');
    ingest(server, orgId, [[event({ recipient: ' Jan@EXAMPLE.com ' }), verdicts.hard]]);
    expect(suppression(server, 'jan@example.com')).toBeDefined();
  });
});

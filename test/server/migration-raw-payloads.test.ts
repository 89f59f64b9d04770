import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { migrations, openDb } from '../../server/db/open';
import { payloadKey } from '../../server/db/payload-key';
import { dsnEventId } from '../../server/inbound/ingest';
import { DAY, START } from './helpers';

/** Migration `raw-payloads` (005) on a file as the version-4 server left it, duplicates and all. */

const RAW_PAYLOADS_VERSION = migrations().find((m) => m.name === 'raw-payloads')!.version;
const sha256 = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const qmail = readFileSync(new URL('../fixtures/bounces/maildir/bsd/lhost-qmail-01.eml', import.meta.url), 'latin1');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface OldEvent {
  org: number;
  body: string;
  source?: string;
  address: string;
  class: 'hard' | 'soft';
  at: number;
  cleared?: number;
  emailId?: number;
  senderUserId?: number;
}

/** What the version-4 server wrote: payloads keyed by their bytes, event ids from that key and the recipient. */
class OldServer {
  readonly db: Database.Database;
  readonly file: string;
  private seq = new Map<number, number>();

  constructor() {
    const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-005-'));
    dirs.push(dir);
    this.file = path.join(dir, 'v4.sqlite');
    this.db = new Database(this.file);
    for (const migration of migrations().filter((m) => m.version < RAW_PAYLOADS_VERSION)) this.db.exec(migration.sql);
    this.db.pragma(`user_version = ${RAW_PAYLOADS_VERSION - 1}`);
    this.db.exec(`
      INSERT INTO orgs (id, name, created_at) VALUES (1, 'Acme', 0), (2, 'Globex', 0);
      INSERT INTO users (id, org_id, email, role, created_at) VALUES (1, 1, 'boss@acme.test', 'admin', 0), (2, 1, 'ana@acme.test', 'member', 0);
      INSERT INTO tokens (hash, user_id, created_at) VALUES ('${sha256('bg_old-admin-token')}', 1, 0);
      INSERT INTO emails (id, org_id, user_id, client_id, message_id, subject, sent_at, received_at)
        VALUES (1, 1, 2, 'c1', NULL, 'Quote', ${START}, ${START});`);
  }

  payload(org: number, body: string, source = 'dsn', at = START): number {
    const key = sha256(body);
    this.db
      .prepare('INSERT INTO raw_payloads (org_id, source, sha256, body, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(org, source, key, Buffer.from(body, 'latin1'), at);
    return (this.db.prepare('SELECT id FROM raw_payloads WHERE org_id = ? AND sha256 = ?').get(org, key) as { id: number }).id;
  }

  event(e: OldEvent): number {
    const source = e.source ?? 'dsn';
    const payloadId = this.payload(e.org, e.body, source, e.at);
    const eventId = source === 'dsn' ? sha256(`${sha256(Buffer.from(e.body, 'latin1'))}\n${e.address}`) : `ses-${e.address}`;
    const reason = e.class === 'hard' ? 'userunknown' : 'mailboxfull';
    return Number(
      this.db
        .prepare(
          `INSERT INTO bounce_events (org_id, source, event_id, kind, address, class, reason, hard, status, diagnostic,
             occurred_at, received_at, raw_payload_id, email_id, sender_user_id, counted, cleared_at)
           VALUES (?, ?, ?, 'bounce', ?, ?, ?, ?, ?, 'diag', ?, ?, ?, ?, ?, 1, ?)`,
        )
        .run(e.org, source, eventId, e.address, e.class, reason, e.class === 'hard' ? 1 : 0, e.class === 'hard' ? '5.1.1' : '4.2.2',
          e.at, e.at, payloadId, e.emailId ?? null, e.senderUserId ?? null, e.cleared ?? null).lastInsertRowid,
    );
  }

  row(org: number, address: string, row: { class: string; source: string; count: number; first: number; last: number; suppressed: boolean }) {
    const reason = row.class === 'hard' ? 'userunknown' : 'mailboxfull';
    const status = row.class === 'hard' ? '5.1.1' : '4.2.2';
    this.db
      .prepare(
        `INSERT INTO suppressions (org_id, address, class, reason, status, diagnostic, source, bounce_count, first_bounce_at,
           last_bounce_at, suppressed, seq) VALUES (?, ?, ?, ?, ?, 'diag', ?, ?, ?, ?, ?, ?)`,
      )
      .run(org, address, row.class, reason, status, row.source, row.count, row.first, row.last, row.suppressed ? 1 : 0, this.nextSeq(org));
  }

  tombstone(org: number, address: string, at: number) {
    this.db.prepare('INSERT INTO tombstones (org_id, address, seq, deleted_at) VALUES (?, ?, ?, ?)').run(org, address, this.nextSeq(org), at);
  }

  nextSeq(org: number): number {
    const seq = (this.seq.get(org) ?? 0) + 1;
    this.seq.set(org, seq);
    this.db.prepare('UPDATE orgs SET feed_seq = ? WHERE id = ?').run(seq, org);
    return seq;
  }
}

const soft1 = 'Subject: soft one\n\nmailbox full\n';
const soft2 = 'Subject: soft two\n\nmailbox full again\n';
const imported = 'Subject: soft three\n\nfull\n';
const returned = 'Subject: old hard\n\nno such user\n';
const unreadable = 'Subject: lunch?\n\nAre you free?\n';

/** A file with each kind of duplicate the byte key let in. */
function versionFourFile(): OldServer {
  const old = new OldServer();
  // soft@: two different soft bounces, the second also forwarded by SMTP: the third count suppressed it.
  old.event({ org: 1, body: soft1, address: 'soft@x.test', class: 'soft', at: START });
  old.event({ org: 1, body: soft2, address: 'soft@x.test', class: 'soft', at: START + 1000 });
  old.event({ org: 1, body: crlf(soft2), address: 'soft@x.test', class: 'soft', at: START + 2000 });
  old.row(1, 'soft@x.test', { class: 'soft', source: 'dsn', count: 3, first: START, last: START + 2000, suppressed: true });
  // kijitora@: a real bounce by SMTP (CRLF), then by HTTP (LF) after Ana's mail was logged: that copy was linked
  // and notified her.
  old.event({ org: 1, body: crlf(qmail), address: 'kijitora@example.ne.jp', class: 'hard', at: START });
  const linked = old.event({ org: 1, body: qmail, address: 'kijitora@example.ne.jp', class: 'hard', at: START + 1000, emailId: 1, senderUserId: 2 });
  old.db.prepare("INSERT INTO notifications (event_id, user_id, state, next_attempt_at, created_at, sent_at) VALUES (?, 2, 'sent', 0, 0, 0)").run(linked);
  old.row(1, 'kijitora@example.ne.jp', { class: 'hard', source: 'dsn', count: 2, first: START, last: START + 1000, suppressed: true });
  // imported@: listed by an import (count 1, hard), then one soft bounce that came twice: no replay explains it.
  old.row(1, 'imported@x.test', { class: 'hard', source: 'ses', count: 1, first: START - DAY, last: START - DAY, suppressed: true });
  old.event({ org: 1, body: imported, address: 'imported@x.test', class: 'soft', at: START });
  old.event({ org: 1, body: crlf(imported), address: 'imported@x.test', class: 'soft', at: START + 1000 });
  old.db.prepare("UPDATE suppressions SET bounce_count = 3 WHERE address = 'imported@x.test'").run();
  // returned@: bounced, unbounced, then the old bounce forwarded again (CRLF) listed it anew.
  old.event({ org: 1, body: returned, address: 'returned@x.test', class: 'hard', at: START, cleared: START + DAY });
  old.tombstone(1, 'returned@x.test', START + DAY);
  old.db.prepare("DELETE FROM tombstones WHERE address = 'returned@x.test'").run();
  old.event({ org: 1, body: crlf(returned), address: 'returned@x.test', class: 'hard', at: START + 2 * DAY });
  old.row(1, 'returned@x.test', { class: 'hard', source: 'dsn', count: 1, first: START + 2 * DAY, last: START + 2 * DAY, suppressed: true });
  // A message nobody could read, stored twice; an ESP webhook (byte key, its own event id); another org's copy.
  old.payload(1, unreadable);
  old.payload(1, crlf(unreadable));
  old.event({ org: 1, body: '{"ses":1}', source: 'ses', address: 'esp@x.test', class: 'hard', at: START });
  old.row(1, 'esp@x.test', { class: 'hard', source: 'ses', count: 1, first: START, last: START, suppressed: true });
  old.event({ org: 2, body: soft1, address: 'soft@x.test', class: 'soft', at: START });
  old.row(2, 'soft@x.test', { class: 'soft', source: 'dsn', count: 1, first: START, last: START, suppressed: false });
  old.db.close();
  return old;
}

const rowOf = (db: Database.Database, org: number, address: string) =>
  db
    .prepare('SELECT class, source, bounce_count AS count, last_bounce_at AS last, suppressed, seq FROM suppressions WHERE org_id = ? AND address = ?')
    .get(org, address);

describe('migration raw-payloads (005)', () => {
  it('keys raw messages by their canonical form and merges the duplicates, repairing the rows they counted in', async () => {
    const old = versionFourFile();
    const db = openDb(old.file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations().length);

    // Payloads: one per message and org; a raw message keyed by its canonical form, the webhook by its bytes.
    const payloads = db.prepare('SELECT org_id AS org, source, sha256, CAST(body AS TEXT) AS body, pruned_at FROM raw_payloads ORDER BY id').all() as
      { org: number; source: string; sha256: string; body: string; pruned_at: null }[];
    expect(payloads.map((p) => [p.org, p.source, p.body])).toEqual([
      [1, 'dsn', soft1], [1, 'dsn', soft2], [1, 'dsn', crlf(qmail)], [1, 'dsn', imported], [1, 'dsn', returned],
      [1, 'dsn', unreadable], [1, 'ses', '{"ses":1}'], [2, 'dsn', soft1],
    ]);
    for (const p of payloads) expect(p.sha256).toBe(payloadKey(p.source, Buffer.from(p.body, 'latin1')));
    expect(payloads.find((p) => p.source === 'ses')?.sha256).toBe(sha256('{"ses":1}'));

    // Events: the first arrival survives with the new id; the second's mail link and notification moved to it.
    const events = db.prepare('SELECT org_id AS org, source, event_id AS eventId, address, email_id AS emailId, sender_user_id AS sender FROM bounce_events ORDER BY id').all() as
      { org: number; source: string; eventId: string; address: string; emailId: number | null; sender: number | null }[];
    expect(events.map((e) => [e.org, e.address])).toEqual([
      [1, 'soft@x.test'], [1, 'soft@x.test'], [1, 'kijitora@example.ne.jp'], [1, 'imported@x.test'], [1, 'returned@x.test'],
      [1, 'esp@x.test'], [2, 'soft@x.test'],
    ]);
    const kijitora = events.find((e) => e.address === 'kijitora@example.ne.jp');
    expect(kijitora).toMatchObject({ emailId: 1, sender: 2, eventId: dsnEventId(payloadKey('dsn', Buffer.from(qmail, 'latin1')), 'kijitora@example.ne.jp') });
    expect(db.prepare('SELECT e.address, n.state FROM notifications n JOIN bounce_events e ON e.id = n.event_id').all()).toEqual([
      { address: 'kijitora@example.ne.jp', state: 'sent' },
    ]);
    expect(events.find((e) => e.source === 'ses')?.eventId).toBe('ses-esp@x.test');

    // Rows: rebuilt from what remains, under new feed seqs (the old head was 6).
    expect(rowOf(db, 1, 'soft@x.test')).toMatchObject({ class: 'soft', count: 2, last: START + 1000, suppressed: 0 });
    expect(rowOf(db, 1, 'kijitora@example.ne.jp')).toMatchObject({ class: 'hard', count: 1, last: START, suppressed: 1 });
    expect(rowOf(db, 1, 'imported@x.test')).toMatchObject({ class: 'hard', source: 'ses', count: 2, suppressed: 1 });
    expect(rowOf(db, 1, 'returned@x.test')).toBeUndefined();
    expect(db.prepare('SELECT address FROM tombstones WHERE org_id = 1').all()).toEqual([{ address: 'returned@x.test' }]);
    const changedSeqs = db.prepare('SELECT seq FROM suppressions WHERE org_id = 1 AND seq > 6 UNION ALL SELECT seq FROM tombstones WHERE org_id = 1 AND seq > 6').all();
    expect(changedSeqs).toHaveLength(4);
    expect(db.prepare('SELECT feed_seq FROM orgs WHERE id = 1').pluck().get()).toBe(10);
    // Untouched: the webhook's row and the other org's.
    expect(rowOf(db, 1, 'esp@x.test')).toMatchObject({ count: 1, seq: 6 });
    expect(rowOf(db, 2, 'soft@x.test')).toMatchObject({ count: 1, seq: 1 });

    // The same message posted again after the migration is a known one, whatever its line endings.
    const app = createApp({ db, now: () => START + 3 * DAY });
    const again = await app.request('/v1/inbound/dsn', {
      method: 'POST',
      headers: { Authorization: 'Bearer bg_old-admin-token', 'Content-Type': 'message/rfc822' },
      body: qmail,
    });
    expect(await again.json()).toEqual({ received: 1, inserted: 0, duplicates: 1 });
    db.close();

    // Opening again changes nothing.
    const reopened = openDb(old.file);
    expect(reopened.prepare('SELECT count(*) FROM bounce_events').pluck().get()).toBe(7);
    expect(reopened.prepare('SELECT feed_seq FROM orgs WHERE id = 1').pluck().get()).toBe(10);
    reopened.close();
  });

  it('leaves the file at version 4, unchanged, when its data step fails', () => {
    const old = versionFourFile();
    const broken = new Database(old.file);
    // A raw-message event pointing to a webhook payload: the step cannot know its message, so it refuses.
    broken.prepare("UPDATE bounce_events SET raw_payload_id = (SELECT id FROM raw_payloads WHERE source = 'ses') WHERE address = 'soft@x.test' AND org_id = 2").run();
    broken.close();
    expect(() => openDb(old.file)).toThrow(/not a raw message/);
    const after = new Database(old.file);
    expect(after.pragma('user_version', { simple: true })).toBe(RAW_PAYLOADS_VERSION - 1);
    expect(after.prepare('SELECT count(*) FROM bounce_events').pluck().get()).toBe(11);
    expect(after.prepare('SELECT count(*) FROM raw_payloads').pluck().get()).toBe(13);
    after.close();
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncPage } from '../../lib/api/sync';
import { createApp } from '../../server/app';
import { migrations, openDb } from '../../server/db/open';
import { issueToken } from '../../server/db/users';
import { webhookById } from '../../server/db/webhooks';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const dirs: string[] = [];

/** A database file as an older server left it. */
function fileAt(fixtureName: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-migrate-'));
  dirs.push(dir);
  const file = path.join(dir, 'old.sqlite');
  const old = new Database(file);
  old.exec(fixture(fixtureName));
  old.close();
  return file;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('are numbered 1…N without gaps and bring a new database to N', () => {
    const list = migrations();
    expect(list.map((m) => m.version)).toEqual(list.map((_, i) => i + 1));
    const db = openDb(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(list.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('migrate a version-1 file to the newest; orgs, users, tokens and webhooks survive', async () => {
    const file = fileAt('db-v1.sql');
    const db = openDb(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations().length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT name, policy, feed_seq, feed_floor FROM orgs ORDER BY id').all()).toEqual([
      { name: 'Acme', policy: '{}', feed_seq: 0, feed_floor: 0 },
      { name: 'Globex', policy: '{}', feed_seq: 0, feed_floor: 0 },
    ]);
    expect(webhookById(db, 'fixture-webhook-id-000000000000000000000')).toMatchObject({ orgId: 1, provider: 'mailgun' });
    // 003: every existing user keeps today's behaviour, the extension only.
    expect(new Set(db.prepare('SELECT notify FROM users').pluck().all())).toEqual(new Set(['in_app']));

    // The member's token from version 1 still works, and the new tables are usable for that org.
    const app = createApp({ db });
    const headers = { Authorization: 'Bearer bg_fixture-token-from-v1', 'Content-Type': 'application/json' };
    const posted = await app.request('/v1/emails', {
      method: 'POST',
      headers,
      body: JSON.stringify({ clientId: 'after-migration', subject: 's', sentAt: Date.now(), recipients: ['jan@example.com'] }),
    });
    expect(posted.status).toBe(201);
    expect((await app.request('/v1/sync', { headers })).status).toBe(200);
    db.close();

    // Opening again changes nothing.
    const again = openDb(file);
    expect(again.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 3 });
    again.close();
  });

  it('fill each suppression’s owners from its counted, not unbounced events, so `own` survives the upgrade', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bounce-guard-migrate-'));
    dirs.push(dir);
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    const before = migrations().findIndex((m) => m.name === 'suppression-owners');
    for (const migration of migrations().slice(0, before)) old.exec(migration.sql);
    old.pragma(`user_version = ${before}`);
    old.exec(`
      INSERT INTO orgs (id, name, created_at) VALUES (1, 'Acme', 0);
      INSERT INTO users (id, org_id, email, role, created_at) VALUES (1, 1, 'ana@acme.test', 'member', 0),
        (2, 1, 'bo@acme.test', 'member', 0), (3, 1, 'cy@acme.test', 'member', 0);
      INSERT INTO raw_payloads (id, org_id, source, sha256, body, received_at) VALUES (1, 1, 'ses', 'x', x'00', 0);
      INSERT INTO suppressions (org_id, address, class, reason, source, bounce_count, first_bounce_at, last_bounce_at,
        suppressed, seq) VALUES (1, 'shared@x.test', 'soft', 'mailboxfull', 'ses', 3, 0, 0, 1, 1),
        (1, 'cleared@x.test', 'hard', 'userunknown', 'ses', 1, 0, 0, 1, 2);
      INSERT INTO bounce_events (org_id, source, event_id, kind, address, occurred_at, received_at, raw_payload_id,
        sender_user_id, counted, cleared_at) VALUES
        (1, 'ses', 'a', 'bounce', 'shared@x.test', 0, 0, 1, 1, 1, NULL),
        (1, 'ses', 'b', 'bounce', 'shared@x.test', 0, 0, 1, 2, 1, NULL),
        (1, 'ses', 'c', 'bounce', 'shared@x.test', 0, 0, 1, 2, 1, NULL),
        (1, 'ses', 'd', 'deferred', 'shared@x.test', 0, 0, 1, 3, 0, NULL),
        (1, 'ses', 'e', 'bounce', 'cleared@x.test', 0, 0, 1, 2, 1, 5);
    `);
    old.close();

    const db = openDb(file);
    expect(db.prepare('SELECT address, owners FROM suppressions ORDER BY address').all()).toEqual([
      { address: 'cleared@x.test', owners: null },
      { address: 'shared@x.test', owners: ',1,2,' },
    ]);
    const token = issueToken(db, 2, 0);
    const page = await createApp({ db }).request('/v1/sync', { headers: { Authorization: `Bearer ${token}` } });
    const own = Object.fromEntries(
      ((await page.json()) as SyncPage).changes.map((c) => (c.op === 'put' ? [c.row.address, c.row.own] : [c.address, null])),
    );
    expect(own).toEqual({ 'shared@x.test': true, 'cleared@x.test': false });
    db.close();
  });

  it('refuses a database from a newer server', () => {
    const file = fileAt('db-v1.sql');
    const newer = new Database(file);
    newer.pragma(`user_version = ${migrations().length + 1}`);
    newer.close();
    expect(() => openDb(file)).toThrow(/newer than this server/);
  });
});

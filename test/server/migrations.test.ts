import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { migrations, openDb } from '../../server/db/open';
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

  it('refuses a database from a newer server', () => {
    const file = fileAt('db-v1.sql');
    const newer = new Database(file);
    newer.pragma(`user_version = ${migrations().length + 1}`);
    newer.close();
    expect(() => openDb(file)).toThrow(/newer than this server/);
  });
});

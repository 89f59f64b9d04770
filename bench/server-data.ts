/** Generated data for bench/server.bench.ts: deterministic (seeded), shaped like real bounce traffic. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../server/db/open';
import { createOrg } from '../server/db/orgs';
import { createUser, issueToken } from '../server/db/users';
import type { IngestEvent } from '../server/ingest/event';
import type { Classification } from '../server/store/events';

export const NOW = Date.UTC(2026, 10, 27);
export const DAY = 86_400_000;

function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}
export const rand = random(7);

export const verdicts: Classification[] = [
  { reason: 'userunknown', class: 'hard', hard: true },
  { reason: 'mailboxfull', class: 'soft', hard: false },
  { reason: 'spamdetected', class: 'block', hard: false },
];
const diagnostics = [
  '550 5.1.1 <{a}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO) id={n}',
  '452 4.2.2 The email account that you tried to reach is over quota. {n} - gsmtp',
  '550 5.7.1 Service unavailable; client host [192.0.2.{n}] blocked using zen.spamhaus.org',
];
/** A diagnostic as remote servers word them, with the per-message noise (ids, IPs) that makes real rows compress less. */
export const diagnostic = (kind: number, address: string) =>
  diagnostics[kind]?.replace('{a}', address).replace('{n}', Math.floor(rand() * 1e9).toString(36)) ?? null;

export function orgWithAdmin(db: Db): { orgId: number; token: string } {
  const org = createOrg(db, 'Bench', NOW);
  const userId = createUser(db, { orgId: org.id, email: 'admin@bench.test', role: 'admin' }, NOW);
  return { orgId: org.id, token: issueToken(db, userId, NOW) };
}

export function ingestEvents(count: number): { event: IngestEvent; classification: Classification }[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = Math.floor(rand() * 3);
    const address = `person${Math.floor(rand() * (count / 4))}@client${i % 500}.example`;
    return {
      event: {
        source: 'sendgrid',
        eventId: `evt-${i}`,
        kind: 'bounce',
        recipient: address,
        status: ['5.1.1', '4.2.2', '5.7.1'][kind] ?? null,
        replyCode: ['550', '452', '550'][kind] ?? null,
        diagnostic: diagnostic(kind, address),
        providerClass: null,
        occurredAt: NOW - Math.floor(rand() * 20 * DAY),
        messageId: null,
      },
      classification: verdicts[kind] as Classification,
    };
  });
}

/** The fixture messages, each copy made unique by a header (the store keeps one payload per distinct message). */
export function dsnCopies(count: number): Buffer[] {
  const dir = fileURLToPath(new URL('../test/fixtures/bounces/maildir/', import.meta.url));
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.eml')).sort();
  const messages = files.map((file) => readFileSync(path.join(dir, file)));
  return Array.from({ length: count }, (_, i) => {
    const message = messages[i % messages.length] as Buffer;
    // After an mbox "From " line if there is one, so the copy header is a header.
    const at = message.subarray(0, 5).toString('latin1') === 'From ' ? message.indexOf(10) + 1 : 0;
    return Buffer.concat([message.subarray(0, at), Buffer.from(`X-Bench-Copy: ${i}\r\n`), message.subarray(at)]);
  });
}

/** A database `file` with `rows` suppressions in one org's feed, each with its bounce event, as the store leaves them. */
export function populateFeed(file: string, rows: number): { token: string } {
  const db = openDb(file);
  const { orgId, token } = orgWithAdmin(db);
  const raw = db
    .prepare("INSERT INTO raw_payloads (org_id, source, sha256, body, received_at) VALUES (?, 'ses', 'x', x'00', ?) RETURNING id")
    .get(orgId, NOW) as { id: number };
  // owners as the store keeps it (server/db/suppressions.ts ownersOf): the admin sent every 7th bounced mail.
  const suppression = db.prepare(`INSERT INTO suppressions (org_id, address, class, reason, status, diagnostic, source,
    bounce_count, first_bounce_at, last_bounce_at, suppressed, seq, owners) VALUES (?, ?, ?, ?, ?, ?, 'ses', ?, ?, ?, ?, ?, ?)`);
  const event = db.prepare(`INSERT INTO bounce_events (org_id, source, event_id, kind, address, class, reason, hard,
    occurred_at, received_at, raw_payload_id, sender_user_id, counted) VALUES (?, 'ses', ?, 'bounce', ?, ?, ?, 0, ?, ?, ?, ?, 1)`);
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const kind = i % 10 < 6 ? 0 : i % 10 < 8 ? 1 : 2;
      const verdict = verdicts[kind] as Classification;
      const address = `${Math.floor(rand() * 1e9).toString(36)}.${i.toString(36)}@client${Math.floor(rand() * 5000)}.example`;
      const at = NOW - Math.floor(rand() * 300 * DAY);
      suppression.run(orgId, address, verdict.class, verdict.reason, ['5.1.1', '4.2.2', '5.7.1'][kind], diagnostic(kind, address), 1 + (i % 3), at, at, kind === 0 ? 1 : 0, i + 1, i % 7 === 0 ? ',1,' : null);
      event.run(orgId, `e${i}`, address, verdict.class, verdict.reason, at, at, raw.id, i % 7 === 0 ? 1 : null);
    }
    db.prepare('UPDATE orgs SET feed_seq = ? WHERE id = ?').run(rows, orgId);
  }).immediate();
  db.close();
  return { token };
}

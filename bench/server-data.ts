/** Generated data for bench/server.bench.ts: deterministic (seeded), shaped like real bounce traffic. */
import type { Db } from '../server/db/open';
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


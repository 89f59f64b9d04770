import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { InboundResult } from '../../lib/api/inbound';
import { classifyMessage, type BounceResult } from '../../lib/bounces';
import { requireUser } from '../auth';
import { storeRawPayload } from '../db/events';
import { fail, type AppEnv, type RouteDeps } from '../http';
import { answeredMessageId } from '../inbound/answered';
import type { IngestEvent } from '../ingest/event';
import { recordClassified, type ClassifiedEvent } from '../store/events';

const DAY_MS = 86_400_000;

/**
 * `POST /v1/inbound/dsn`: a raw bounce message (an MTA's pipe or a mailbox poller posts it with an admin's token).
 * lib/bounces reads it; each reported recipient becomes an event, idempotent by a hash of the message and the
 * recipient, so posting the same message twice changes nothing. A message nobody can read yet is still kept.
 */
export function inboundRoutes({ db, now, config }: RouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const store = { db, now, emailLogMs: config.emailLogDays * DAY_MS };
  routes.use('*', requireUser(db));
  routes.post('/dsn', async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin') return fail(c, 403, 'Only an admin’s token may post bounce messages');
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'message/rfc822') return fail(c, 415, 'Send the raw message as Content-Type: message/rfc822');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (raw.byteLength === 0) return fail(c, 400, 'The message is empty');
    const results = await classifyMessage(raw);
    const digest = createHash('sha256').update(raw).digest('hex');
    const messageId = answeredMessageId(Buffer.from(raw).toString('latin1'));
    const items = results.map((result) => toEvent(result, { digest, messageId, at: now() }));
    if (items.length === 0) {
      db.transaction(() => storeRawPayload(db, user.orgId, 'dsn', raw, now())).immediate();
      return c.json({ received: 0, inserted: 0, duplicates: 0 } satisfies InboundResult);
    }
    const stored = recordClassified(store, user.orgId, items, raw);
    return c.json({ received: items.length, inserted: stored.inserted, duplicates: stored.duplicates } satisfies InboundResult);
  });
  return routes;
}

function toEvent(result: BounceResult, message: { digest: string; messageId: string | null; at: number }): ClassifiedEvent {
  const event: IngestEvent = {
    source: 'dsn',
    eventId: createHash('sha256').update(`${message.digest}\n${result.recipient}`).digest('hex'),
    kind: kindOf(result),
    recipient: result.recipient,
    status: result.status,
    replyCode: result.replyCode,
    diagnostic: result.diagnostic === '' ? null : result.diagnostic,
    providerClass: null,
    occurredAt: message.at,
    messageId: message.messageId,
  };
  const classification = { reason: result.reason, class: result.class, hard: result.hard };
  return { event, classification: event.kind === 'bounce' ? classification : null };
}

/** A "delayed" report is a deferral and a "delivered" one a delivery (RFC 3464 Action); the rest are bounces. */
function kindOf(result: BounceResult): IngestEvent['kind'] {
  if (result.class === 'complaint') return 'complaint';
  if (result.action === 'delayed') return 'deferred';
  if (result.action === 'delivered' || result.action === 'relayed' || result.action === 'expanded') return 'delivery';
  return 'bounce';
}

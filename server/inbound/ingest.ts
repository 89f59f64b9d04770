import { createHash } from 'node:crypto';
import type { InboundResult } from '../../lib/api/inbound';
import { classifyMessage, type BounceResult } from '../../lib/bounces';
import { storeRawPayload } from '../db/events';
import type { IngestEvent } from '../ingest/event';
import type { Notifier } from '../notify/notifier';
import { recordClassified, type ClassifiedEvent, type StoreDeps } from '../store/events';
import { answeredMessageId } from './answered';

export interface InboundDeps extends StoreDeps {
  notifier: Notifier;
}

/**
 * One raw bounce message for an org, however it came (POST /v1/inbound/dsn, the SMTP listener): lib/bounces reads
 * it; each reported recipient becomes an event, idempotent by a hash of the message and the recipient, so the same
 * message twice changes nothing. A message nobody can read yet is still kept. The notifier hears of new events
 * after the commit.
 */
export async function ingestRawMessage(deps: InboundDeps, orgId: number, raw: Uint8Array): Promise<InboundResult> {
  const { db, now } = deps;
  const results = await classifyMessage(raw);
  const digest = createHash('sha256').update(raw).digest('hex');
  const messageId = answeredMessageId(Buffer.from(raw).toString('latin1'));
  const items = results.map((result) => toEvent(result, { digest, messageId, at: now() }));
  if (items.length === 0) {
    db.transaction(() => storeRawPayload(db, orgId, 'dsn', raw, now())).immediate();
    return { received: 0, inserted: 0, duplicates: 0 };
  }
  const stored = recordClassified(deps, orgId, items, raw);
  deps.notifier.recorded(stored.eventIds);
  return { received: items.length, inserted: stored.inserted, duplicates: stored.duplicates };
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

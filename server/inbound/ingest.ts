import { createHash } from 'node:crypto';
import type { InboundResult } from '../../lib/api/inbound';
import { classifyMessage, type BounceResult } from '../../lib/bounces';
import { addressKey } from '../../lib/checks/address';
import { storeRawPayload } from '../db/events';
import { payloadKey } from '../db/payload-key';
import type { IngestEvent } from '../ingest/event';
import type { Notifier } from '../notify/notifier';
import { recordClassified, type ClassifiedEvent, type StoreDeps } from '../store/events';
import { answeredMessageId } from './answered';

export interface InboundDeps extends StoreDeps {
  notifier: Notifier;
}

/**
 * One raw bounce message for an org, however it came (POST /v1/inbound/dsn, the SMTP listener): lib/bounces reads
 * it; each reported recipient becomes an event, idempotent by `dsnEventId`, so the same message twice changes
 * nothing, whichever way each copy came. A message nobody can read yet is still kept. The notifier hears of new
 * events after the commit.
 */
export async function ingestRawMessage(deps: InboundDeps, orgId: number, raw: Uint8Array): Promise<InboundResult> {
  const { db, now } = deps;
  const items = await readRawMessage(raw, now());
  if (items.length === 0) {
    db.transaction(() => storeRawPayload(db, orgId, 'dsn', raw, now())).immediate();
    return { received: 0, inserted: 0, duplicates: 0 };
  }
  const stored = recordClassified(deps, orgId, items, raw);
  deps.notifier.recorded(stored.eventIds);
  return { received: items.length, inserted: stored.inserted, duplicates: stored.duplicates };
}

/**
 * What lib/bounces reads in a raw message, as events that occurred at `at`: for ingest (now) and for
 * re-classification of a kept message (when it was received).
 */
export async function readRawMessage(raw: Uint8Array, at: number): Promise<ClassifiedEvent[]> {
  const results = await classifyMessage(raw);
  const messageId = answeredMessageId(Buffer.from(raw).toString('latin1'));
  const message = { key: payloadKey('dsn', raw), messageId, at };
  return results.map((result) => toEvent(result, message));
}

/**
 * A raw message's event id: its payload key (the canonical form's hash, so CRLF by SMTP and LF by HTTP agree) and
 * the normalized recipient (the stored address, so migration 005 can recompute ids of events already stored).
 */
export function dsnEventId(messageKey: string, address: string): string {
  return createHash('sha256').update(`${messageKey}\n${address}`).digest('hex');
}

function toEvent(result: BounceResult, message: { key: string; messageId: string | null; at: number }): ClassifiedEvent {
  const event: IngestEvent = {
    source: 'dsn',
    eventId: dsnEventId(message.key, addressKey(result.recipient)),
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

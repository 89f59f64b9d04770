import { z } from 'zod';
import type { EmailStatus } from '../../lib/api/emails';
import { classifyDiagnostic } from '../../lib/bounces';
import { addressKey } from '../../lib/checks/address';
import { messageIdKey } from '../address';
import { emailForEvent, raiseRecipientStatus } from '../db/emails';
import { countInWindow, eventExists, insertEvent, storeRawPayload, type EventClass, type EventKind } from '../db/events';
import type { Db } from '../db/open';
import { nextSeq, orgPolicy } from '../db/orgs';
import { suppressionByAddress, writeSuppression } from '../db/suppressions';
import { ingestEventSchema, type IngestEvent } from '../ingest/event';
import { applyBounce, suppresses, windowMs, type CountedBounce } from '../policy';

/** suppressionSchema's address limit (lib/api/suppression.ts). */
const MAX_ADDRESS_LENGTH = 320;

/** lib/bounces' verdict on one bounce (classifyDiagnostic's answer). */
export interface Classification {
  reason: string;
  class: EventClass;
  hard: boolean;
}

export type Classify = (event: IngestEvent) => Classification;

/** lib/bounces' reason engine on an ESP event's codes and the remote server's words. */
export const classifyEvent: Classify = (event) =>
  classifyDiagnostic({
    status: event.status ?? undefined,
    replyCode: event.replyCode ?? undefined,
    diagnostic: event.diagnostic ?? undefined,
    recipient: event.recipient,
  });

/** An event with its classification; only `bounce` events carry one (a complaint is a complaint). */
export interface ClassifiedEvent {
  event: IngestEvent;
  classification: Classification | null;
}

export interface RecordResult {
  /** Events stored now. */
  inserted: number;
  /** Events stored before (a retried delivery): nothing changed for them. */
  duplicates: number;
  /** Addresses whose suppression row changed, in order. */
  changed: string[];
  /** Row ids of the events stored now, for what runs after the commit (server/notify). */
  eventIds: number[];
}

export interface StoreDeps {
  db: Db;
  now: () => number;
  /** How far back a bounce looks for the mail it answers: the email log's retention. */
  emailLogMs: number;
}

const complaint: Classification = { reason: 'feedback', class: 'complaint', hard: false };

/** The verdict an event is stored with: a complaint is a complaint; a bounce has its classification; else none. */
export function verdictOf(kind: EventKind, classification: Classification | null): Classification | null {
  return kind === 'complaint' ? complaint : kind === 'bounce' ? classification : null;
}

/** A verdict as an event's columns: none (a delivery, a deferral) leaves them empty. */
export function verdictColumns(verdict: Classification | null): { class: EventClass | null; reason: string | null; hard: boolean } {
  return { class: verdict?.class ?? null, reason: verdict?.reason ?? null, hard: verdict?.hard ?? false };
}

/**
 * Whether an event counts toward the address's suppression. A row the extension's schema refuses would stop every
 * member's sync at that page, so an address longer than it allows is recorded, not listed.
 */
export function countsTowardPolicy(verdict: Classification | null, address: string): boolean {
  return verdict !== null && verdict.class !== 'ignore' && address.length <= MAX_ADDRESS_LENGTH;
}

/** A counted event as policy sees it, cut to what a suppression row keeps. */
export function countedBounce(event: {
  class: CountedBounce['class'];
  reason: string;
  status: string | null;
  diagnostic: string | null;
  source: CountedBounce['source'];
  occurredAt: number;
}): CountedBounce {
  return {
    class: event.class,
    reason: event.reason.slice(0, 64),
    status: event.status,
    diagnostic: event.diagnostic?.slice(0, 2000) ?? null,
    source: event.source,
    at: event.occurredAt,
  };
}

/**
 * What an ingest path calls: classifies each bounce's diagnostic, then `recordClassified`. A classifier that
 * throws stores nothing, so the provider retries the delivery.
 */
export function recordEvents(
  deps: StoreDeps & { classify: Classify },
  orgId: number,
  events: readonly IngestEvent[],
  raw: string | Uint8Array,
): RecordResult {
  const checked = z.array(ingestEventSchema).parse(events);
  const classified = checked.map((event) => ({
    event,
    classification: event.kind === 'bounce' ? deps.classify(event) : null,
  }));
  return recordClassified(deps, orgId, classified, raw);
}

/**
 * Stores a delivery of events in one transaction: the raw payload, each new event linked to the mail it answers,
 * the email log's recipient state, and for bounces and complaints the suppression row under a new feed seq.
 * Idempotent by (org, source, eventId): a retry, in whole or in part, changes nothing for the events it repeats.
 */
export function recordClassified(
  deps: StoreDeps,
  orgId: number,
  items: readonly ClassifiedEvent[],
  raw: string | Uint8Array,
): RecordResult {
  const { db } = deps;
  return db
    .transaction((): RecordResult => {
      const seen = new Set<string>();
      const fresh = items.filter(({ event }) => {
        const key = `${event.source}\n${event.eventId}`;
        if (seen.has(key) || eventExists(db, orgId, event.source, event.eventId)) return false;
        seen.add(key);
        return true;
      });
      const result: RecordResult = {
        inserted: fresh.length,
        duplicates: items.length - fresh.length,
        changed: [],
        eventIds: [],
      };
      const first = fresh[0];
      if (first === undefined) return result;

      const now = deps.now();
      const rawPayloadId = storeRawPayload(db, orgId, first.event.source, raw, now);
      const policy = orgPolicy(db, orgId);
      for (const { event, classification } of fresh) {
        const verdict = verdictOf(event.kind, classification);
        if (event.kind === 'bounce' && verdict === null) throw new Error(`Bounce ${event.eventId} has no classification`);
        const address = addressKey(event.recipient);
        const messageId = event.messageId === null ? null : messageIdKey(event.messageId);
        const counted = countsTowardPolicy(verdict, address);
        const mail = emailForEvent(db, { orgId, address, messageId, occurredAt: event.occurredAt }, deps.emailLogMs);
        const eventRowId = insertEvent(db, {
          orgId,
          source: event.source,
          eventId: event.eventId,
          kind: event.kind,
          address,
          ...verdictColumns(verdict),
          status: event.status,
          replyCode: event.replyCode,
          diagnostic: event.diagnostic,
          providerClass: event.providerClass,
          messageId,
          occurredAt: event.occurredAt,
          receivedAt: now,
          rawPayloadId,
          emailId: mail?.emailId ?? null,
          senderUserId: mail?.userId ?? null,
          counted,
        });
        result.eventIds.push(eventRowId);
        const status = emailStatusFor(event.kind, verdict?.class ?? null);
        if (mail !== undefined && status !== null) raiseRecipientStatus(db, mail.emailId, address, status);
        if (!counted || verdict === null || verdict.class === 'ignore') continue;

        const bounce = countedBounce({ ...event, class: verdict.class, reason: verdict.reason });
        const from = bounce.at - windowMs(policy, bounce.class);
        const inWindow = countInWindow(db, { orgId, address, class: bounce.class, from, to: bounce.at });
        const existing = suppressionByAddress(db, orgId, address, null);
        const state = applyBounce(existing, bounce, suppresses(policy, bounce.class, inWindow));
        writeSuppression(db, orgId, address, state, nextSeq(db, orgId));
        result.changed.push(address);
      }
      return result;
    })
    .immediate();
}

/** What an event says about the recipient of the mail it answers; null: nothing (an auto-reply). */
export function emailStatusFor(kind: EventKind, eventClass: EventClass | null): EmailStatus | null {
  switch (kind) {
    case 'complaint':
      return 'complained';
    case 'delivery':
      return 'delivered';
    case 'deferred':
      return 'deferred';
    case 'suppressed-echo':
      return 'bounced';
    case 'bounce':
      return eventClass === 'ignore' ? null : 'bounced';
  }
}

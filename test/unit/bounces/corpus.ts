/**
 * The bounce corpus (test/fixtures/bounces: 382 real messages from sisimai/set-of-emails, BSD-2, with Sisimai's
 * result for each in expected.jsonl) and how we score against it. Shared by the corpus test and
 * bench/classify.bench.ts so the floors CI enforces and the numbers the bench prints are the same computation.
 *
 * Scoring is per expected recipient: a result counts when its address equals the expected one (case-insensitive).
 * "recipient" is the share of expected recipients we report at all; reason, class and hard flag are the shares
 * where the matched result agrees (a missing recipient is wrong on all four). The one expected entry without an
 * address is matched to our result at the same position and left out of the recipient share.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { classOf, reasonSchema, type BounceResult, type ResultClass } from '../../../lib/bounces/schema';

export const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/bounces');

const expectedLine = z.object({
  path: z.string(),
  engine: z.string(),
  kind: z.string(),
  bounces: z.array(z.object({
    recipient: z.string().optional(),
    reason: reasonSchema,
    hardbounce: z.boolean(),
    status: z.string(),
    replycode: z.string(),
    feedbacktype: z.string().optional(),
  })),
});
export type CorpusMessage = z.infer<typeof expectedLine> & { raw: Uint8Array };

/** One fixture message's bytes, by file name (maildir/bsd/<name>). */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(corpusDir, 'maildir/bsd', name)));
}

export function loadCorpus(): CorpusMessage[] {
  const lines = readFileSync(path.join(corpusDir, 'expected.jsonl'), 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const entry = expectedLine.parse(JSON.parse(line));
    return { ...entry, raw: new Uint8Array(readFileSync(path.join(corpusDir, entry.path))) };
  });
}

export interface Tally {
  messages: number;
  recipients: number;
  addressed: number;
  recipientHits: number;
  reasonHits: number;
  classHits: number;
  hardHits: number;
}

export interface Miss {
  file: string;
  engine: string;
  expected: string;
  got: string;
}

export const emptyTally = (): Tally => ({
  messages: 0, recipients: 0, addressed: 0, recipientHits: 0, reasonHits: 0, classHits: 0, hardHits: 0,
});

function expectedClass(reason: z.infer<typeof reasonSchema>, hard: boolean): ResultClass {
  return classOf(reason, !hard).class;
}

/** Scores one message's results into `tally`, pushing a Miss for every expected recipient not fully right. */
export function scoreMessage(message: CorpusMessage, results: readonly BounceResult[], tally: Tally, misses: Miss[]): void {
  tally.messages += 1;
  message.bounces.forEach((expected, index) => {
    tally.recipients += 1;
    const address = expected.recipient?.toLowerCase();
    if (address) tally.addressed += 1;
    const got = address ? results.find((result) => result.recipient === address) : results[index];
    if (got && address) tally.recipientHits += 1;
    const reasonOk = got?.reason === expected.reason;
    const classOk = got?.class === expectedClass(expected.reason, expected.hardbounce);
    const hardOk = got?.hard === expected.hardbounce;
    if (reasonOk) tally.reasonHits += 1;
    if (classOk) tally.classHits += 1;
    if (hardOk) tally.hardHits += 1;
    if (!got || !reasonOk || !classOk || !hardOk) {
      misses.push({
        file: path.basename(message.path),
        engine: message.engine,
        expected: `${address ?? '(no address)'} ${expected.reason}${expected.hardbounce ? ' hard' : ''}`,
        got: got
          ? `${got.recipient} ${got.reason}${got.hard ? ' hard' : ''}`
          : `not found (got ${results.map((result) => result.recipient).join(', ') || 'nothing'})`,
      });
    }
  });
}

export const share = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);

export function rates(tally: Tally): { recipient: number; reason: number; class: number; hard: number } {
  return {
    recipient: share(tally.recipientHits, tally.addressed),
    reason: share(tally.reasonHits, tally.recipients),
    class: share(tally.classHits, tally.recipients),
    hard: share(tally.hardHits, tally.recipients),
  };
}

/** The targets on this corpus. */
export const floors = { recipient: 0.98, reason: 0.92, class: 0.96, hard: 0.97 } as const;

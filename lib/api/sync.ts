import { z } from 'zod';
import { suppressionSchema } from './suppression';

export const SYNC_PAGE_DEFAULT = 1000;
export const SYNC_PAGE_MAX = 5000;

/**
 * `GET /v1/sync?cursor=…&limit=…`. The cursor is opaque to clients: start with none (or "0"), then send back the
 * page's `nextCursor`. A `410` answer means the cursor is older than the feed's history: clear the rows that came
 * from the server and sync again from the start.
 */
export const syncQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'Expected a cursor from an earlier page')
    .default('0'),
  limit: z.coerce.number().int().min(1).max(SYNC_PAGE_MAX).default(SYNC_PAGE_DEFAULT),
});
export type SyncQuery = z.infer<typeof syncQuerySchema>;

/**
 * One change to the org's suppression list. Each address appears at most once per page and only in its latest
 * state: `put` replaces the local row (putSuppressions), `delete` removes it (deleteSuppressions) after an unbounce.
 */
export const syncChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), row: suppressionSchema }),
  z.object({
    op: z.literal('delete'),
    address: z.string().min(3).max(320),
    seq: z.number().int().nonnegative(),
  }),
]);
export type SyncChange = z.infer<typeof syncChangeSchema>;

/**
 * A page of the feed, in change order. Apply `changes` and store `nextCursor` in one transaction; ask again
 * while `hasMore`. `nextCursor` equals the request's cursor when there was nothing new.
 */
export const syncPageSchema = z.object({
  changes: z.array(syncChangeSchema),
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type SyncPage = z.infer<typeof syncPageSchema>;

import { z } from 'zod';
import { bounceClass, suppressionSchema } from './suppression';

/** `GET /v1/suppressions`: the org's list by address, `q` a case-insensitive part of the address. */
export const suppressionListQuerySchema = z.object({
  q: z.string().trim().min(1).max(320).optional(),
  class: bounceClass.optional(),
  suppressed: z.enum(['true', 'false']).optional(),
  /** The last address of the previous page. */
  cursor: z.string().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type SuppressionListQuery = z.infer<typeof suppressionListQuerySchema>;

export const suppressionListSchema = z.object({
  items: z.array(suppressionSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type SuppressionList = z.infer<typeof suppressionListSchema>;

/** Body of `DELETE /v1/suppressions/{address}` (unbounce): why, for the audit log. */
export const unbounceRequestSchema = z.object({
  reason: z.string().trim().min(1).max(500),
});
export type UnbounceRequest = z.infer<typeof unbounceRequestSchema>;

/** The tombstone the unbounce wrote into the sync feed. */
export const unbounceResultSchema = z.object({
  address: z.string(),
  seq: z.number().int().nonnegative(),
});
export type UnbounceResult = z.infer<typeof unbounceResultSchema>;

import { z } from 'zod';

/** Why an address bounced, coarse: drives policy (see architecture.md "Policy defaults"). */
export const bounceClass = z.enum(['hard', 'soft', 'block', 'complaint', 'manual']);
export type BounceClass = z.infer<typeof bounceClass>;

export const bounceSource = z.enum(['ses', 'sendgrid', 'mailgun', 'postmark', 'dsn', 'manual', 'import']);
export type BounceSource = z.infer<typeof bounceSource>;

/**
 * One address of the org's suppression list, as synced to every member's extension.
 * `reason` uses Sisimai's vocabulary (userunknown, hostunknown, mailboxfull, spamdetected, ...).
 * Times are epoch milliseconds.
 */
export const suppressionSchema = z.object({
  address: z.string().min(3).max(320),
  class: bounceClass,
  reason: z.string().min(1).max(64),
  status: z.string().max(16).nullable(),
  diagnostic: z.string().max(2000).nullable(),
  source: bounceSource,
  bounceCount: z.number().int().nonnegative(),
  firstBounceAt: z.number().int().nonnegative(),
  lastBounceAt: z.number().int().nonnegative(),
  suppressed: z.boolean(),
  /** True when the bounce answered mail this user sent (drives "your recent bounces" and who may unbounce). */
  own: z.boolean().default(false),
  seq: z.number().int().nonnegative(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

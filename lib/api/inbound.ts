import { z } from 'zod';

/** `POST /v1/inbound/dsn` (a raw RFC 822 bounce, `Content-Type: message/rfc822`): what became of it. */
export const inboundResultSchema = z.object({
  /** Recipients the message reports on (0: not a bounce we can read yet; the message is kept anyway). */
  received: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  /** Already stored from an earlier delivery of the same message. */
  duplicates: z.number().int().nonnegative(),
});
export type InboundResult = z.infer<typeof inboundResultSchema>;

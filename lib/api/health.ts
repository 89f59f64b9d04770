import { z } from 'zod';

/** `GET /healthz`: the process answers and its database can be read. */
export const healthSchema = z.object({
  ok: z.literal(true),
  schemaVersion: z.number().int().positive(),
});
export type Health = z.infer<typeof healthSchema>;

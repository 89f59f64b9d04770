import { z } from 'zod';

/** One problem with a request, as zod reported it: where (`path` into the body or query) and what. */
export const apiIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  code: z.string(),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

/** Every non-2xx answer of the server: a message in plain words and, for 400, what was wrong with the input. */
export const apiErrorSchema = z.object({
  error: z.string(),
  issues: z.array(apiIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

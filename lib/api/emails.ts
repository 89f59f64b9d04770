import { z } from 'zod';

/** Delivery state of one recipient of one sent mail, raised by ESP events (never lowered). */
export const emailStatusSchema = z.enum(['sent', 'deferred', 'delivered', 'bounced', 'complained']);
export type EmailStatus = z.infer<typeof emailStatusSchema>;

/** `POST /v1/emails`: the extension reports a mail the user sent, for the email log and bounce linking. */
export const emailCreateSchema = z.object({
  /** The extension's own id for this send, so a retried POST stores the mail once. */
  clientId: z.string().min(8).max(100),
  /** The Message-ID header, when known, with or without angle brackets; links bounces exactly. */
  messageId: z.string().min(1).max(998).nullable().default(null),
  subject: z.string().max(998),
  sentAt: z.number().int().nonnegative(),
  recipients: z.array(z.string().min(3).max(320)).min(1).max(500),
});
export type EmailCreate = z.infer<typeof emailCreateSchema>;

export const emailCreatedSchema = z.object({
  id: z.number().int().positive(),
  /** False when this clientId was stored before (a retry); nothing changed. */
  created: z.boolean(),
});
export type EmailCreated = z.infer<typeof emailCreatedSchema>;

/** `GET /v1/emails`: newest first, last 14 days; admins see the org's mail, members their own. */
export const emailListQuerySchema = z.object({
  /** Only mail with at least one recipient in this state. */
  status: emailStatusSchema.optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'Expected a cursor from an earlier page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type EmailListQuery = z.infer<typeof emailListQuerySchema>;

export const emailRecipientSchema = z.object({
  address: z.string(),
  status: emailStatusSchema,
  /** The latest bounce or complaint linked to this recipient of this mail. */
  bounce: z
    .object({
      class: z.enum(['hard', 'soft', 'block', 'complaint']),
      reason: z.string(),
      at: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type EmailRecipient = z.infer<typeof emailRecipientSchema>;

export const emailEntrySchema = z.object({
  id: z.number().int().positive(),
  sender: z.string(),
  subject: z.string(),
  sentAt: z.number().int().nonnegative(),
  messageId: z.string().nullable(),
  recipients: z.array(emailRecipientSchema),
});
export type EmailEntry = z.infer<typeof emailEntrySchema>;

export const emailListSchema = z.object({
  emails: z.array(emailEntrySchema),
  nextCursor: z.string().nullable(),
});
export type EmailList = z.infer<typeof emailListSchema>;

import { z } from 'zod';
import type { DeliveryRecord } from '../record';
import type { Reason } from '../schema';

/**
 * Amazon SES event notifications (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html), as SNS
 * delivers them by email or HTTP. Only the fields we read are declared; SES adds fields freely, so unknown ones pass.
 */
const bounceSchema = z.object({
  notificationType: z.literal('Bounce'),
  bounce: z.object({
    bounceType: z.string().optional(),
    bounceSubType: z.string().optional(),
    reportingMTA: z.string().optional(),
    bouncedRecipients: z.array(z.object({
      emailAddress: z.string(),
      action: z.string().optional(),
      status: z.string().optional(),
      diagnosticCode: z.string().optional(),
    })),
  }),
});

const complaintSchema = z.object({
  notificationType: z.literal('Complaint'),
  complaint: z.object({
    complaintFeedbackType: z.string().optional(),
    complainedRecipients: z.array(z.object({ emailAddress: z.string() })),
  }),
});

const deliverySchema = z.object({
  notificationType: z.literal('Delivery'),
  delivery: z.object({
    recipients: z.array(z.string()),
    smtpResponse: z.string().optional(),
    reportingMTA: z.string().optional(),
  }),
});

export const sesNotificationSchema = z.discriminatedUnion('notificationType', [
  bounceSchema, complaintSchema, deliverySchema,
]);
export type SesNotification = z.infer<typeof sesNotificationSchema>;

// SES names a few sub-types precisely; "General" and the rest leave the reason to the diagnostic text.
const bySubType: Record<string, Reason> = {
  Suppressed: 'suppressed',
  OnAccountSuppressionList: 'suppressed',
  MailboxFull: 'mailboxfull',
  MessageTooLarge: 'mesgtoobig',
  ContentRejected: 'contenterror',
  AttachmentRejected: 'securityerror',
};

/** Records from an SES notification object (already JSON-parsed); undefined when it is not one. */
export function readSesNotification(json: unknown): DeliveryRecord[] | undefined {
  const envelope = z.object({ Message: z.string() }).safeParse(json);
  let payload = json;
  if (envelope.success) {
    // SNS wraps the SES event as a JSON string in "Message".
    try {
      payload = JSON.parse(envelope.data.Message) as unknown;
    } catch {
      return undefined;
    }
  }
  const parsed = sesNotificationSchema.safeParse(payload);
  if (!parsed.success) return undefined;
  const note = parsed.data;
  switch (note.notificationType) {
    case 'Bounce':
      return note.bounce.bouncedRecipients.map((recipient) => ({
        recipient: recipient.emailAddress.toLowerCase(),
        diagnostic: (recipient.diagnosticCode ?? '').replace(/^smtp;\s*/i, ''),
        status: recipient.status,
        action: recipient.action,
        hint: bySubType[note.bounce.bounceSubType ?? ''],
      }));
    case 'Complaint':
      return note.complaint.complainedRecipients.map((recipient) => ({
        recipient: recipient.emailAddress.toLowerCase(),
        diagnostic: '',
        hint: 'feedback',
        feedbackType: note.complaint.complaintFeedbackType,
      }));
    case 'Delivery':
      return note.delivery.recipients.map((recipient) => ({
        recipient: recipient.toLowerCase(),
        diagnostic: note.delivery.smtpResponse ?? '',
        action: 'delivered',
        hint: 'delivered',
      }));
  }
}

/** Finds an SES notification in an email body (SNS email subscriptions send the JSON as text, often line-wrapped). */
export function findSesNotification(text: string): DeliveryRecord[] | undefined {
  if (!text.includes('notificationType')) return undefined;
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  const candidate = text.slice(start, end + 1);
  for (const attempt of [candidate, candidate.replace(/\r?\n/g, ''), candidate.replace(/!\r?\n /g, '')]) {
    try {
      return readSesNotification(JSON.parse(attempt) as unknown);
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

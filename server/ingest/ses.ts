import { z } from 'zod';
import { type VerifyResult, ingestEvent, isoTime, parseJson, recipientField } from './common';
import type { IngestEvent } from './event';
import type { SesSettings } from './settings';
import { type SnsVerifyDeps, verifySnsMessage } from './sns';

/**
 * Amazon SES bounce/complaint/delivery notifications, delivered by SNS to an HTTPS subscription (sns.ts checks
 * the envelope). Contents: docs.aws.amazon.com/ses/latest/dg/notification-contents.html (identity notifications,
 * `notificationType`) and …/event-publishing-retrieving-sns-contents.html (configuration-set events, `eventType`),
 * read 2026-11.
 */

/** Verifying SES is verifying its SNS envelope: signature, allowed topic, certificate from an AWS host. */
export function verifySes(
  rawBody: string,
  _headers: Headers,
  settings: SesSettings,
  deps: SnsVerifyDeps,
): Promise<VerifyResult> {
  return verifySnsMessage(rawBody, settings, deps);
}

const bouncedRecipient = z.looseObject({
  emailAddress: recipientField,
  status: z.string().optional(),
  diagnosticCode: z.string().optional(),
});

/** The SES notification inside an SNS Notification's `Message` (only the fields we read; the rest passes). */
export const sesMessageSchema = z
  .looseObject({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    mail: z
      .looseObject({
        messageId: z.string().min(1),
        commonHeaders: z.looseObject({ messageId: z.string().optional() }).optional(),
      })
      .optional(),
    bounce: z
      .looseObject({
        bounceType: z.string(),
        bounceSubType: z.string(),
        bouncedRecipients: z.array(bouncedRecipient).min(1),
        timestamp: isoTime,
        feedbackId: z.string().min(1),
      })
      .optional(),
    complaint: z
      .looseObject({
        complainedRecipients: z.array(z.looseObject({ emailAddress: recipientField })).min(1),
        timestamp: isoTime,
        feedbackId: z.string().min(1),
        complaintFeedbackType: z.string().optional(),
        complaintSubType: z.string().nullish(),
      })
      .optional(),
    delivery: z
      .looseObject({
        recipients: z.array(recipientField).min(1),
        timestamp: isoTime,
        smtpResponse: z.string().optional(),
      })
      .optional(),
    deliveryDelay: z
      .looseObject({
        delayedRecipients: z.array(bouncedRecipient).min(1),
        timestamp: isoTime,
        delayType: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((message, ctx) => {
    const type = message.eventType ?? message.notificationType;
    if (!type) ctx.addIssue({ code: 'custom', message: 'Expected notificationType or eventType', path: ['eventType'] });
    const part = type === undefined ? undefined : partFor[type];
    // Other types (Send, Open, Click, AmazonSnsSubscriptionSucceeded, ...) are valid and carry nothing for us.
    if (part && (!message[part] || !message.mail)) {
      ctx.addIssue({ code: 'custom', message: `${type} needs "mail" and "${part}"`, path: [part] });
    }
  });
export type SesMessage = z.infer<typeof sesMessageSchema>;

const partFor: Readonly<Record<string, 'bounce' | 'complaint' | 'delivery' | 'deliveryDelay'>> = {
  Bounce: 'bounce',
  Complaint: 'complaint',
  Delivery: 'delivery',
  DeliveryDelay: 'deliveryDelay',
};

/** SNS `Message` is a JSON document in a string; parse it in place so its issues come out as payload issues. */
const jsonString = z.string().transform((text, ctx) => {
  const value = parseJson(text);
  if (value !== undefined) return value;
  ctx.addIssue({ code: 'custom', message: 'Message is not JSON' });
  return z.NEVER;
});

export const sesPayloadSchema = z.discriminatedUnion('Type', [
  z.looseObject({ Type: z.literal('Notification'), Message: jsonString.pipe(sesMessageSchema) }),
  z.looseObject({ Type: z.literal('SubscriptionConfirmation'), TopicArn: z.string(), SubscribeURL: z.string() }),
  z.looseObject({ Type: z.literal('UnsubscribeConfirmation') }),
]);
export type SesPayload = z.infer<typeof sesPayloadSchema>;

export function parseSes(payload: SesPayload): IngestEvent[] {
  return payload.Type === 'Notification' ? sesMessageEvents(payload.Message) : [];
}

/**
 * One event per recipient. Bounce subtypes OnAccountSuppressionList and Suppressed, and complaint subtype
 * OnAccountSuppressionList, mean SES did not even try: the address was already on a suppression list.
 */
export function sesMessageEvents(message: SesMessage): IngestEvent[] {
  const messageId = message.mail?.commonHeaders?.messageId;
  const sesId = message.mail?.messageId ?? '';
  const { bounce, complaint, delivery, deliveryDelay } = message;
  switch (message.eventType ?? message.notificationType) {
    case 'Bounce': {
      if (!bounce) return [];
      const echo = bounce.bounceSubType === 'OnAccountSuppressionList' || bounce.bounceSubType === 'Suppressed';
      return bounce.bouncedRecipients.map((recipient) =>
        ingestEvent({
          source: 'ses',
          kind: echo ? 'suppressed-echo' : 'bounce',
          idParts: [bounce.feedbackId, recipient.emailAddress],
          recipient: recipient.emailAddress,
          occurredAt: bounce.timestamp,
          diagnostic: recipient.diagnosticCode,
          codes: [recipient.status],
          providerClass: `${bounce.bounceType}/${bounce.bounceSubType}`,
          messageId,
        }),
      );
    }
    case 'Complaint': {
      if (!complaint) return [];
      const echo = complaint.complaintSubType === 'OnAccountSuppressionList';
      return complaint.complainedRecipients.map((recipient) =>
        ingestEvent({
          source: 'ses',
          kind: echo ? 'suppressed-echo' : 'complaint',
          idParts: [complaint.feedbackId, recipient.emailAddress],
          recipient: recipient.emailAddress,
          occurredAt: complaint.timestamp,
          providerClass: ['Complaint', complaint.complaintSubType ?? complaint.complaintFeedbackType]
            .filter(Boolean)
            .join('/'),
          messageId,
        }),
      );
    }
    case 'Delivery':
      return (delivery?.recipients ?? []).map((recipient) =>
        ingestEvent({
          source: 'ses',
          kind: 'delivery',
          idParts: [sesId, 'delivery', recipient],
          recipient,
          occurredAt: delivery?.timestamp ?? 0,
          diagnostic: delivery?.smtpResponse,
          providerClass: 'Delivery',
          messageId,
        }),
      );
    case 'DeliveryDelay':
      return (deliveryDelay?.delayedRecipients ?? []).map((recipient) =>
        ingestEvent({
          source: 'ses',
          kind: 'deferred',
          idParts: [sesId, 'delay', deliveryDelay?.timestamp ?? 0, recipient.emailAddress],
          recipient: recipient.emailAddress,
          occurredAt: deliveryDelay?.timestamp ?? 0,
          diagnostic: recipient.diagnosticCode,
          codes: [recipient.status],
          providerClass: ['DeliveryDelay', deliveryDelay?.delayType].filter(Boolean).join('/'),
          messageId,
        }),
      );
    default:
      return [];
  }
}

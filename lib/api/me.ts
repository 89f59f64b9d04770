import { z } from 'zod';

/** How a user hears about bounces of their own mail: the extension only, an email per bounce, both, or not at all. */
export const notifyPreferenceSchema = z.enum(['in_app', 'email', 'both', 'none']);
export type NotifyPreference = z.infer<typeof notifyPreferenceSchema>;

/** `GET /v1/me`: who the token belongs to. */
export const meSchema = z.object({
  email: z.string(),
  role: z.enum(['admin', 'member']),
  org: z.string(),
  notify: notifyPreferenceSchema,
});
export type Me = z.infer<typeof meSchema>;

/** `PUT /v1/me/notifications`; the answer is the updated `Me`. */
export const notificationSettingsSchema = z.strictObject({ notify: notifyPreferenceSchema });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

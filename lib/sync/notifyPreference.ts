import { apiErrorSchema } from '../api/errors';
import { meSchema, type NotifyPreference } from '../api/me';
import type { Connection } from './pull';

/**
 * Tells the team server how this user wants to hear of bounces of their own mail (`PUT /v1/me/notifications`):
 * the server sends the emails, the extension shows the in-app ones. Throws an Error in plain words on refusal.
 */
export async function saveNotifyPreference(
  { serverUrl, token }: Connection,
  notify: NotifyPreference,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const response = await fetchImpl(new URL('/v1/me/notifications', serverUrl), {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ notify }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && meSchema.safeParse(body).success) return;
  const error = apiErrorSchema.safeParse(body);
  throw new Error(error.success ? error.data.error : `the server answered ${response.status}`);
}

import { apiErrorSchema } from '../api/errors';
import { unbounceResultSchema, type UnbounceRequest } from '../api/suppressions';
import type { Connection } from './pull';

/**
 * Asks the server to lift a suppression (`DELETE /v1/suppressions/{address}`); the server checks who may (admins any
 * address, members only bounces of their own mail, complaints admins only) and writes the audit entry. The local
 * row goes away with the tombstone of the next sync. Throws an Error in plain words when the server says no.
 */
export async function unbounce(
  { serverUrl, token }: Connection,
  address: string,
  request: UnbounceRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const url = new URL(`/v1/suppressions/${encodeURIComponent(address)}`, serverUrl);
  const response = await fetchImpl(url, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && unbounceResultSchema.safeParse(body).success) return;
  const error = apiErrorSchema.safeParse(body);
  const detail = error.success ? error.data.error : `the server answered ${response.status}`;
  throw new Error(response.status === 403 ? `Only an admin may unbounce this address (${detail}).` : detail);
}

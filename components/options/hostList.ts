import { domainName } from '@/lib/settings';
import { listSome } from '../common/words';

export const MAX_HOSTS = 500;

export type HostListResult = { ok: true; hosts: string[] } | { ok: false; error: string };

/** A textarea of host names (one per line or comma separated) → the list to store, or what is wrong with it. */
export function parseHostList(text: string): HostListResult {
  const hosts = new Set<string>();
  const invalid: string[] = [];
  for (const entry of text.split(/[\n,]/).map((line) => line.trim()).filter(Boolean)) {
    const parsed = domainName.safeParse(entry);
    if (parsed.success) hosts.add(parsed.data);
    else invalid.push(entry);
  }
  if (invalid.length > 0) return { ok: false, error: `Not a domain name: ${listSome(invalid)}` };
  if (hosts.size > MAX_HOSTS) return { ok: false, error: `At most ${MAX_HOSTS} entries.` };
  return { ok: true, hosts: [...hosts] };
}

import { normalizeAddress } from '../lib/checks/address';

/**
 * The stored form of an address: the same normalization as the extension's checks and suppressionKey
 * (lib/checks/address), so a synced row is found by the compose check. Text that is not one address (an ESP
 * reporting garbage) is only trimmed and lower-cased: it is still recorded, and simply matches nothing.
 */
export function addressKey(raw: string): string {
  return normalizeAddress(raw) ?? raw.trim().toLowerCase();
}

/** Message-ID without the angle brackets and whitespace some sources keep and others drop. */
export function messageIdKey(raw: string): string {
  return raw.trim().replace(/^<(.*)>$/s, '$1').trim();
}

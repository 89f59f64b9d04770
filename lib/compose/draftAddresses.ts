import { normalizeAddress, parseRecipients } from '../checks/address';
import type { Draft } from '../checks/types';

/** Normalized addresses of every recipient of a draft (chips and typing box), each once. */
export function addressesOfDraft(draft: Draft): string[] {
  const addresses = new Set<string>();
  for (const recipient of draft.recipients) {
    for (const parsed of parseRecipients(recipient.raw)) {
      const normalized = normalizeAddress(parsed.address);
      if (normalized !== null) addresses.add(normalized);
    }
  }
  return [...addresses];
}

/** Domains of normalized addresses (addressesOfDraft), for the locally learned frequent-domain list. */
export function domainsOf(addresses: readonly string[]): string[] {
  const domains = new Set<string>();
  for (const address of addresses) {
    const at = address.lastIndexOf('@');
    if (at > 0) domains.add(address.slice(at + 1));
  }
  return [...domains];
}

import { z } from 'zod';
import { normalizeAddress } from '../checks/address';

/**
 * The key of a suppression row: the same normalization as the checks and the server (lib/checks/address),
 * so a lookup, an import and a synced row agree. Never throws: text that is not one address is only trimmed
 * and lower-cased, and then simply matches nothing.
 */
export function suppressionKey(raw: string): string {
  return normalizeAddress(raw) ?? raw.trim().toLowerCase();
}

/** An address a person typed or imported, as it will be stored. */
export const listedAddress = z
  .string()
  .max(320)
  .transform((raw, ctx) => {
    const key = normalizeAddress(raw);
    if (key === null) ctx.addIssue({ code: 'custom', message: 'not an email address' });
    return key ?? '';
  })
  .pipe(z.email({ error: 'not an email address' }));

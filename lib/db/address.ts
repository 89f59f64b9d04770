import { z } from 'zod';
import { normalizeAddress } from '../checks/address';

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

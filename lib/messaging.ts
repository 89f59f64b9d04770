import { z } from 'zod';
import { suppressionSchema } from './api/suppression';

/**
 * The one message protocol between content scripts / extension pages and the background.
 * Content scripts cannot open the extension's IndexedDB (theirs belongs to mail.google.com), so every
 * read of records goes through here. Requests and responses are validated on both sides.
 */
export const diagnosticEvent = z.enum([
  'selector-miss', // a compose, its recipients or its send control could not be read: we let Gmail send
  'check-error', // our checks threw: we let Gmail send
  'guard-error', // the send guard threw while deciding: we let Gmail send
  'lookup-pending', // Send came before the bounce lookup answered: we let Gmail send
  'fix-failed', // a one-click fix could not be applied in the page
]);
export type DiagnosticEvent = z.infer<typeof diagnosticEvent>;

const domainName = z.string().min(1).max(253);

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lookup'), addresses: z.array(z.string().max(320)).max(2000) }),
  z.object({ type: z.literal('frequentDomains') }),
  z.object({ type: z.literal('recordSent'), domains: z.array(domainName).max(2000) }),
  z.object({ type: z.literal('diagnostic'), event: diagnosticEvent, detail: z.string().max(200).optional() }),
]);
export type Request = z.infer<typeof requestSchema>;

export const responseSchemas = {
  lookup: z.object({ facts: z.array(suppressionSchema) }),
  frequentDomains: z.object({ domains: z.array(z.tuple([domainName, z.number().int().nonnegative()])) }),
  recordSent: z.object({ ok: z.literal(true) }),
  diagnostic: z.object({ ok: z.literal(true) }),
} satisfies Record<Request['type'], z.ZodType>;

export type Response<T extends Request['type']> = z.infer<(typeof responseSchemas)[T]>;
export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;

/** Errors travel as a value: throwing across runtime.sendMessage loses the type in Firefox. */
export const errorReplySchema = z.object({ error: z.string() });

export type Handlers = { [T in Request['type']]: (request: RequestOf<T>) => Promise<Response<T>> };

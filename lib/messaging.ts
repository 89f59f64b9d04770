import { browser, type Browser } from 'wxt/browser';
import { z } from 'zod';
import { emailCreateSchema } from './api/emails';
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
  z.object({
    type: z.literal('recordSent'),
    domains: z.array(domainName).max(2000),
    /** The team email log entry of this send; queued for the server only when connected and the user shares it. */
    mail: emailCreateSchema.optional(),
  }),
  z.object({ type: z.literal('diagnostic'), event: diagnosticEvent, detail: z.string().max(200).optional() }),
  z.object({ type: z.literal('syncNow') }),
]);
export type Request = z.infer<typeof requestSchema>;

export const responseSchemas = {
  lookup: z.object({ facts: z.array(suppressionSchema) }),
  frequentDomains: z.object({ domains: z.array(z.tuple([domainName, z.number().int().nonnegative()])) }),
  recordSent: z.object({ ok: z.literal(true) }),
  diagnostic: z.object({ ok: z.literal(true) }),
  /** `error` is null after a successful pull, else what went wrong in plain words. */
  syncNow: z.object({ error: z.string().nullable() }),
} satisfies Record<Request['type'], z.ZodType>;

export type Response<T extends Request['type']> = z.infer<(typeof responseSchemas)[T]>;
export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;

/** Errors travel as a value: throwing across runtime.sendMessage loses the type in Firefox. */
export const errorReplySchema = z.object({ error: z.string() });

export type Handlers = { [T in Request['type']]: (request: RequestOf<T>) => Promise<Response<T>> };

// ---- Plumbing ------------------------------------------------------------------------------------------

type ErrorReply = z.infer<typeof errorReplySchema>;

/**
 * Sends one request to the background and returns its validated response. Throws an Error saying what went
 * wrong (bad request, no answer, refused, malformed answer); callers in the page then fail open.
 */
export async function sendRequest<R extends Request>(request: R): Promise<Response<R['type']>> {
  const checked = requestSchema.safeParse(request);
  if (!checked.success) {
    throw new Error(`Bounce Guard: invalid ${request.type} request: ${z.prettifyError(checked.error)}`);
  }
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(checked.data);
  } catch (cause) {
    // After an extension update the old content script's context is gone: "Extension context invalidated".
    throw new Error(`Bounce Guard: the background did not answer the ${request.type} request`, { cause });
  }
  const refused = errorReplySchema.safeParse(reply);
  if (refused.success) {
    throw new Error(`Bounce Guard: the ${request.type} request failed: ${refused.data.error}`);
  }
  const schema: z.ZodType = responseSchemas[request.type];
  const parsed = schema.safeParse(reply);
  if (!parsed.success) {
    throw new Error(`Bounce Guard: malformed reply to ${request.type}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data as Response<R['type']>;
}

const GMAIL_ORIGIN = 'https://mail.google.com';

/**
 * Who may ask the background: our own extension pages, and our content script in a Gmail tab. Anything else
 * (another extension, a page of another origin, an unknown sender) is refused.
 */
export function isTrustedSender(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || sender.url === undefined) return false;
  // A prefix, not URL.origin: the origin of a chrome-extension:// URL is "null" outside Chrome.
  if (sender.url.startsWith(browser.runtime.getURL('/'))) return true;
  return sender.tab !== undefined && originOf(sender.url) === GMAIL_ORIGIN;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Answers one message: the handler's response, or `{error}` for an unknown sender, bad input or a failure. */
export async function handleMessage(
  handlers: Handlers,
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<Request['type']> | ErrorReply> {
  if (!isTrustedSender(sender)) return { error: 'sender not allowed' };
  const parsed = requestSchema.safeParse(message);
  if (!parsed.success) return { error: `invalid request: ${z.prettifyError(parsed.error)}` };
  const request = parsed.data;
  // The union of handlers cannot be called with the union of requests; the discriminant pairs them.
  const handler = handlers[request.type] as (request: Request) => Promise<Response<Request['type']>>;
  try {
    return await handler(request);
  } catch (error) {
    console.error(`Bounce Guard: ${request.type} failed`, error);
    return { error: `${request.type} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Background side: answers every protocol message. The reply goes through sendResponse with `return true`,
 * which Chrome (MV3) and Firefox both honour for asynchronous answers. Returns the unregister function.
 */
export function registerHandlers(handlers: Handlers): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (response: unknown) => void,
  ): true => {
    void handleMessage(handlers, message, sender).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

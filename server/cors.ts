import { cors } from 'hono/cors';

// Chrome extension ids are 32 letters a-p; Firefox gives each installation a UUID.
const extensionOrigin = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;

/**
 * Lets the extension's pages call the API with their token, without host permissions for the server. Web pages
 * get no CORS headers: the token, not the origin, is the credential, but no site needs to read our answers.
 */
export function extensionCors() {
  return cors({
    origin: (origin) => (extensionOrigin.test(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposeHeaders: ['ETag'],
    maxAge: 600,
  });
}

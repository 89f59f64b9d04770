import { Hono } from 'hono';
import { z } from 'zod';
import { emailCreatedSchema, emailCreateSchema, emailListQuerySchema, emailListSchema } from '../../lib/api/emails';
import { apiErrorSchema } from '../../lib/api/errors';
import { healthSchema } from '../../lib/api/health';
import { inboundResultSchema } from '../../lib/api/inbound';
import { meSchema, notificationSettingsSchema } from '../../lib/api/me';
import { suppressionSchema } from '../../lib/api/suppression';
import {
  suppressionListQuerySchema,
  suppressionListSchema,
  unbounceRequestSchema,
  unbounceResultSchema,
} from '../../lib/api/suppressions';
import { syncPageSchema, syncQuerySchema } from '../../lib/api/sync';

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ content: { 'application/json': { schema: ref(id) } } });
const error = (description: string) => ({ description, ...json('ApiError') });

/** Named schemas, each turned into JSON Schema as the server reads it (requests) or writes it (responses). */
function components(): Record<string, JsonSchema> {
  const build = (io: 'input' | 'output', schemas: Record<string, z.ZodType>) => {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
    const { schemas: built } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
    return Object.fromEntries(
      Object.entries(built).map(([id, { $schema: _schema, $id: _id, ...rest }]) => [id, rest as JsonSchema]),
    );
  };
  return {
    ...build('input', {
      EmailCreate: emailCreateSchema,
      UnbounceRequest: unbounceRequestSchema,
      NotificationSettings: notificationSettingsSchema,
    }),
    ...build('output', {
      Suppression: suppressionSchema,
      SyncPage: syncPageSchema,
      SuppressionList: suppressionListSchema,
      UnbounceResult: unbounceResultSchema,
      EmailCreated: emailCreatedSchema,
      EmailList: emailListSchema,
      InboundResult: inboundResultSchema,
      Me: meSchema,
      Health: healthSchema,
      ApiError: apiErrorSchema,
    }),
  };
}

/** Query parameters from a query schema, one per property. */
function parameters(schema: z.ZodObject): JsonSchema[] {
  const built = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonSchema> };
  return Object.entries(built.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: false, schema: rest, ...(description ? { description } : {}) };
  });
}

export function openApiDocument(): JsonSchema {
  const authed = { security: [{ bearer: [] }] };
  const common = { 400: error('Invalid input, with zod issues'), 401: error('Missing or unknown token') };
  return {
    openapi: '3.1.0',
    info: { title: 'Bounce Guard server', version: '1' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: components(),
    },
    paths: {
      '/healthz': { get: { responses: { 200: { description: 'Up', ...json('Health') } } } },
      '/openapi.json': { get: { responses: { 200: { description: 'This document' } } } },
      '/v1/sync': {
        get: {
          ...authed,
          summary: 'Changes to the org’s suppression list after a cursor',
          parameters: [...parameters(syncQuerySchema), { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: {
            200: { description: 'A page of changes', ...json('SyncPage') },
            304: { description: 'Nothing changed since the ETag' },
            ...common,
            410: error('Cursor older than the feed’s history: sync again from the start'),
          },
        },
      },
      '/v1/suppressions': {
        get: {
          ...authed,
          summary: 'The org’s suppression list by address',
          parameters: parameters(suppressionListQuerySchema),
          responses: { 200: { description: 'A page of the list', ...json('SuppressionList') }, ...common },
        },
      },
      '/v1/suppressions/{address}': {
        delete: {
          ...authed,
          summary: 'Unbounce: lift an address off the list (audited)',
          parameters: [{ name: 'address', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, ...json('UnbounceRequest') },
          responses: {
            200: { description: 'Removed; the tombstone’s seq', ...json('UnbounceResult') },
            ...common,
            403: error('A member may unbounce only bounces of their own mail, never complaints'),
            404: error('Not on this org’s list'),
          },
        },
      },
      '/v1/emails': {
        post: {
          ...authed,
          summary: 'Log a sent mail (idempotent by clientId)',
          requestBody: { required: true, ...json('EmailCreate') },
          responses: {
            201: { description: 'Stored', ...json('EmailCreated') },
            200: { description: 'Stored before (a retry)', ...json('EmailCreated') },
            ...common,
            413: error('Body too large'),
          },
        },
        get: {
          ...authed,
          summary: 'The email log, 14 days: the org’s for admins, their own for members',
          parameters: parameters(emailListQuerySchema),
          responses: { 200: { description: 'Newest first', ...json('EmailList') }, ...common },
        },
      },
      '/v1/me': {
        get: {
          ...authed,
          summary: 'The token’s user: email, role, org and notification preference',
          responses: { 200: { description: 'The user', ...json('Me') }, ...common },
        },
      },
      '/v1/me/notifications': {
        put: {
          ...authed,
          summary: 'How the user hears about bounces of their mail: in_app, email, both or none',
          requestBody: { required: true, ...json('NotificationSettings') },
          responses: { 200: { description: 'Changed; the user', ...json('Me') }, ...common },
        },
      },
      '/v1/inbound/dsn': {
        post: {
          ...authed,
          summary: 'A raw bounce message (RFC 3464 DSN, MTA text, ARF), classified by lib/bounces; admins only',
          requestBody: { required: true, content: { 'message/rfc822': { schema: { type: 'string' } } } },
          responses: {
            200: { description: 'Stored (idempotent per message and recipient)', ...json('InboundResult') },
            ...common,
            403: error('Not an admin’s token'),
            413: error('Message too large'),
            415: error('Not message/rfc822'),
          },
        },
      },
      '/v1/webhooks/{provider}/{webhookId}': {
        post: {
          summary: 'ESP event webhook (SES via SNS, SendGrid, Mailgun, Postmark); the URL comes from `cli webhooks add`',
          parameters: [
            { name: 'provider', in: 'path', required: true, schema: { enum: ['ses', 'sendgrid', 'mailgun', 'postmark'] } },
            { name: 'webhookId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: {} } } },
          responses: {
            200: { description: 'Verified and stored' },
            400: { description: 'Not the provider’s payload' },
            401: { description: 'Signature or credentials wrong' },
            404: { description: 'No such webhook' },
            413: { description: 'Body too large' },
          },
        },
      },
    },
  };
}

export function openApiRoutes(): Hono {
  const routes = new Hono();
  let document: JsonSchema | undefined;
  routes.get('/', (c) => c.json((document ??= openApiDocument())));
  return routes;
}

import { describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../lib/api/errors';
import { healthSchema } from '../../lib/api/health';
import { migrations } from '../../server/db/open';
import { testServer } from './helpers';

describe('authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { Authorization: 'Bearer bg_not-a-real-token' }],
    ['another scheme', { Authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['an empty bearer', { Authorization: 'Bearer ' }],
  ])('answers 401 with %s', async (_, headers) => {
    const server = testServer();
    server.user('Acme', 'ana@acme.test');
    for (const path of ['/v1/sync', '/v1/suppressions', '/v1/emails']) {
      const response = await server.call(path, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
      apiErrorSchema.parse(response.body);
    }
  });

  it('stores tokens only as hashes', () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const stored = server.db.prepare('SELECT hash FROM tokens').all() as { hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(server.db.prepare('SELECT * FROM tokens').all())).not.toContain(ana.token);
  });

  it('answers health and the OpenAPI document without a token', async () => {
    const server = testServer();
    const health = await server.call('/healthz');
    expect(health.status).toBe(200);
    expect(healthSchema.parse(health.body)).toEqual({ ok: true, schemaVersion: migrations().length });
    const openapi = await server.call('/openapi.json');
    expect(openapi.status).toBe(200);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const server = testServer();
    const response = await server.call('/v2/anything');
    expect(response).toMatchObject({ status: 404, body: { error: 'Not found' } });
  });
});

describe('GET /openapi.json', () => {
  it('describes every route with schemas generated from lib/api', async () => {
    const server = testServer();
    const { body } = await server.call('/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/healthz',
        '/openapi.json',
        '/v1/emails',
        '/v1/inbound/dsn',
        '/v1/me',
        '/v1/me/notifications',
        '/v1/suppressions',
        '/v1/suppressions/{address}',
        '/v1/sync',
        '/v1/webhooks/{provider}/{webhookId}',
      ].sort(),
    );
    expect(body.components.schemas.Suppression.required).toContain('own');
    expect(body.components.schemas.SyncPage.properties.changes.items.oneOf[0].properties.row).toEqual({
      $ref: '#/components/schemas/Suppression',
    });
    expect(body.components.schemas.EmailCreate.required).toEqual(['clientId', 'subject', 'sentAt', 'recipients']);
    expect(body.components.schemas.NotificationSettings.properties.notify.enum).toEqual(['in_app', 'email', 'both', 'none']);
    const syncParameters = body.paths['/v1/sync'].get.parameters.map((p: { name: string }) => p.name);
    expect(syncParameters).toEqual(['cursor', 'limit', 'If-None-Match']);
    // Every $ref points at a schema that exists.
    const refs = JSON.stringify(body).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) expect(body.components.schemas).toHaveProperty(ref.split('/').at(-1) as string);
  });
});

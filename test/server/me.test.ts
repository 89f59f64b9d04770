import { describe, expect, it } from 'vitest';
import { meSchema } from '../../lib/api/me';
import { testServer } from './helpers';

describe('/v1/me', () => {
  it('shows the user and changes their notification preference', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const me = await server.call('/v1/me', { as: ana });
    expect(me.status).toBe(200);
    expect(meSchema.parse(me.body)).toEqual({ email: 'ana@acme.test', role: 'member', org: 'Acme', notify: 'in_app' });
    for (const notify of ['email', 'both', 'none', 'in_app'] as const) {
      const put = await server.call('/v1/me/notifications', { as: ana, method: 'PUT', json: { notify } });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ notify });
      expect((await server.call('/v1/me', { as: ana })).body.notify).toBe(notify);
    }
  });

  it.each([
    ['an unknown value', { notify: 'sms' }],
    ['a missing value', {}],
    ['an extra key', { notify: 'email', to: 'x@y.test' }],
  ])('answers 400 to %s and changes nothing', async (_, json) => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const put = await server.call('/v1/me/notifications', { as: ana, method: 'PUT', json });
    expect(put.status).toBe(400);
    expect(put.body.error).toBe('The body does not match the schema');
    expect((await server.call('/v1/me', { as: ana })).body.notify).toBe('in_app');
  });

  it('answers 401 without a token and keeps each user to their own row', async () => {
    const server = testServer();
    const ana = server.user('Acme', 'ana@acme.test');
    const bob = server.user('Globex', 'bob@globex.test', 'admin');
    expect((await server.call('/v1/me')).status).toBe(401);
    expect((await server.call('/v1/me/notifications', { method: 'PUT', json: { notify: 'email' } })).status).toBe(401);
    await server.call('/v1/me/notifications', { as: bob, method: 'PUT', json: { notify: 'none' } });
    expect((await server.call('/v1/me', { as: ana })).body.notify).toBe('in_app');
    expect((await server.call('/v1/me', { as: bob })).body).toEqual({ email: 'bob@globex.test', role: 'admin', org: 'Globex', notify: 'none' });
  });
});

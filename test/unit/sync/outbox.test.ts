import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { EmailCreate } from '@/lib/api/emails';
import { outboxItem } from '@/lib/settings';
import { enqueueSentMail, flushOutbox } from '@/lib/sync/outbox';

const connection = { serverUrl: 'http://127.0.0.1:8787', token: 'bg_test_token' };
const mail = (n: number): EmailCreate => ({
  clientId: `client-${String(n).padStart(4, '0')}`,
  messageId: null,
  subject: `Invoice ${n}`,
  sentAt: 1_700_000_000_000 + n,
  recipients: ['jan@example.com'],
});

/** A server that answers each POST with the next status in `statuses` (then 201). */
function server(statuses: Array<number | 'down'>) {
  const posted: EmailCreate[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    const status = statuses.shift() ?? 201;
    if (status === 'down') throw new TypeError('fetch failed');
    posted.push(JSON.parse(String(init?.body)) as EmailCreate);
    return status < 300
      ? Response.json({ id: posted.length, created: true }, { status })
      : Response.json({ error: 'no' }, { status });
  }) as typeof fetch;
  return { fetchImpl, posted };
}

beforeEach(() => fakeBrowser.reset());

describe('the email-log outbox', () => {
  it('posts queued mail oldest first and empties the queue', async () => {
    await enqueueSentMail(mail(1));
    await enqueueSentMail(mail(2));
    const { fetchImpl, posted } = server([]);
    expect(await flushOutbox(connection, fetchImpl)).toBe(2);
    expect(posted.map((m) => m.clientId)).toEqual(['client-0001', 'client-0002']);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it.each([
    ['the server is down', 'down' as const],
    ['the server fails', 503],
    ['the token is refused', 401],
  ])('keeps what is left when %s, for the next sync', async (_name, failure) => {
    await enqueueSentMail(mail(1));
    await enqueueSentMail(mail(2));
    const { fetchImpl } = server([201, failure]);
    expect(await flushOutbox(connection, fetchImpl)).toBe(1);
    expect((await outboxItem.getValue()).map((m) => m.clientId)).toEqual(['client-0002']);
  });

  it('drops an entry the server refuses as invalid, since a retry cannot help', async () => {
    await enqueueSentMail(mail(1));
    const { fetchImpl } = server([400]);
    expect(await flushOutbox(connection, fetchImpl)).toBe(1);
    expect(await outboxItem.getValue()).toEqual([]);
  });

  it('keeps the newest entries when the queue is full', async () => {
    for (let n = 0; n < 502; n++) await enqueueSentMail(mail(n));
    const waiting = await outboxItem.getValue();
    expect(waiting).toHaveLength(500);
    expect(waiting[0]?.clientId).toBe('client-0002');
  });
});

import type { EmailCreate } from '../api/emails';
import { emailCreatedSchema } from '../api/emails';
import { OUTBOX_LIMIT, outboxItem } from '../settings';
import type { Connection } from './pull';

let queue: Promise<unknown> = Promise.resolve();

/** Runs storage read-modify-write steps one after another (only the background touches the outbox). */
function serially<T>(step: () => Promise<T>): Promise<T> {
  const run = queue.then(step);
  queue = run.catch(() => undefined);
  return run;
}

/** Queues a sent mail for the team's email log; at the limit the oldest entry makes room. */
export function enqueueSentMail(mail: EmailCreate): Promise<void> {
  return serially(async () => {
    const waiting = await outboxItem.getValue();
    await outboxItem.setValue([...waiting, mail].slice(-OUTBOX_LIMIT));
  });
}

/**
 * Posts queued mail to `POST /v1/emails`, oldest first. An entry leaves the queue once the server stored it (or
 * had it already: the clientId makes a retry harmless) or refused it as invalid (400: retrying cannot help);
 * a network error or any other answer stops the run and keeps the rest for the next sync.
 */
export function flushOutbox({ serverUrl, token }: Connection, fetchImpl: typeof fetch = fetch): Promise<number> {
  return serially(async () => {
    const waiting = await outboxItem.getValue();
    let sent = 0;
    for (const mail of waiting) {
      const response = await fetchImpl(new URL('/v1/emails', serverUrl), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(mail),
      }).catch(() => null);
      const accepted =
        response !== null &&
        (response.status === 400 || (response.ok && emailCreatedSchema.safeParse(await response.json()).success));
      if (!accepted) break;
      sent++;
    }
    if (sent > 0) await outboxItem.setValue(waiting.slice(sent));
    return sent;
  });
}

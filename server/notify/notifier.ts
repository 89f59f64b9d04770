import nodemailer from 'nodemailer';
import {
  abandonInterrupted,
  bounceNotice,
  claimNotification,
  dueNotifications,
  markFailed,
  markSent,
  notificationAttempts,
  queueNotifications,
} from '../db/notifications';
import type { Db } from '../db/open';
import { noticeMail, type NoticeMail } from './message';

/**
 * Told, after the transaction committed, of bounce events that newly concern a sender: an ingest's new events, or
 * those a mail logged late just linked (POST /v1/emails). Never throws, never waits for SMTP.
 */
export interface Notifier {
  recorded(eventIds: readonly number[]): void;
  /** Resolves once nothing is being sent (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** No SMTP server configured: users who chose email get nothing, and nothing is queued. */
export const noNotifier: Notifier = {
  recorded: () => {},
  idle: async () => {},
  close: async () => {},
};

export type SendMail = (mail: NoticeMail & { from: string }) => Promise<unknown>;
export type NotifyLog = (line: Record<string, unknown>) => void;

export interface NotifierOptions {
  db: Db;
  now: () => number;
  /** smtp:// or smtps:// URL of the relay, e.g. smtp://127.0.0.1:2525 (credentials in the URL). */
  smtpUrl: string;
  from: string;
  log: NotifyLog;
  /** Failed mails are retried then, and at start; default 5 minutes. */
  retryMs?: number;
  /** Attempts before a notification is given up; default 6 (about 1.5 hours with the backoff). */
  maxAttempts?: number;
  /** Default: nodemailer to `smtpUrl`; tests may pass their own. */
  send?: SendMail;
}

const BATCH = 50;

/**
 * Mails each user who asked for it (server/db/notifications.ts) about bounces of their mail. The queue lives in
 * the database, so a mail SMTP refused is retried with backoff (at start, on the interval, after the next ingest)
 * and a restart loses nothing. One drain runs at a time; each row is claimed before it is sent.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { db, now, log, from } = options;
  const retryMs = options.retryMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 6;
  const transport = options.send === undefined ? nodemailer.createTransport(options.smtpUrl) : undefined;
  const send: SendMail = options.send ?? ((mail) => transport!.sendMail(mail));

  let draining: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const abandoned = abandonInterrupted(db);
  if (abandoned > 0) log({ event: 'notify-abandoned', count: abandoned });

  async function drainOnce(): Promise<void> {
    for (;;) {
      const due = dueNotifications(db, now(), BATCH);
      if (due.length === 0) return;
      for (const eventId of due) {
        if (closed) return;
        if (!claimNotification(db, eventId)) continue;
        const notice = bounceNotice(db, eventId);
        if (notice === undefined) continue;
        try {
          await send({ ...noticeMail(notice), from });
          markSent(db, eventId, now());
          log({ event: 'notify-sent', eventId, to: notice.to, address: notice.address });
        } catch (error) {
          const attempts = notificationAttempts(db, eventId);
          const next = attempts >= maxAttempts ? null : now() + backoffMs(attempts);
          const message = error instanceof Error ? error.message : String(error);
          markFailed(db, eventId, message, next);
          log({ event: 'notify-failed', eventId, to: notice.to, attempts, retryAt: next, error: message });
        }
      }
    }
  }

  /** Runs a drain, or asks the running one to look again when it is done. */
  function drain(): void {
    if (closed) return;
    if (draining !== undefined) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        try {
          await drainOnce();
        } catch (error) {
          // The database is busy or gone: the rows stay pending for the next round.
          log({ event: 'notify-error', error: error instanceof Error ? error.message : String(error) });
        }
      } while (again && !closed);
    })().finally(() => (draining = undefined));
  }

  const timer = setInterval(drain, retryMs);
  timer.unref();
  drain();

  return {
    recorded(eventIds) {
      if (eventIds.length === 0 || closed) return;
      try {
        if (queueNotifications(db, eventIds, now()) > 0) drain();
      } catch (error) {
        log({ event: 'notify-error', error: error instanceof Error ? error.message : String(error) });
      }
    },
    idle: async () => {
      while (draining !== undefined) await draining;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await draining;
      transport?.close();
    },
  };
}

/** 1, 4, 9, 16, 25 minutes after the 1st…5th failure. */
const backoffMs = (attempts: number): number => attempts * attempts * 60_000;

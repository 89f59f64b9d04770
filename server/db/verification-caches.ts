import type { Db } from './open';
import { sql } from './statements';

/**
 * Mailgun's used tokens (server/ingest/mailgun.ts `ReplayCache`) in the database, so a restart or a second server
 * process on the same file never accepts one again.
 */
export function mailgunTokenStore(db: Db, now: () => number) {
  return {
    /**
     * Consumes `token` until `expiresAt`; false when it is consumed already (a replay). One write transaction, so of
     * two requests racing with the same token exactly one wins, in this process or another. Expired rows go first:
     * their timestamps are stale, so they guard nothing, and pruning here keeps the table as small as one window's
     * traffic without a job.
     */
    claim(token: string, webhookId: string, expiresAt: number): boolean {
      return db
        .transaction(() => {
          sql(db, 'DELETE FROM mailgun_tokens WHERE expires_at <= ?').run(now());
          return (
            sql(
              db,
              `INSERT INTO mailgun_tokens (token, webhook_id, expires_at) VALUES (?, ?, ?)
               ON CONFLICT (token) DO NOTHING`,
            ).run(token, webhookId, expiresAt).changes === 1
          );
        })
        .immediate();
    },
    release(token: string): void {
      sql(db, 'DELETE FROM mailgun_tokens WHERE token = ?').run(token);
    },
  };
}

export interface StoredCertificate {
  pem: string;
  /** ms. */
  fetchedAt: number;
}

/** SNS signing certificates by URL (server/ingest/sns-certificates.ts `CertificateStore`) in the database. */
export function snsCertificateStore(db: Db) {
  return {
    read(url: string): StoredCertificate | undefined {
      return sql(db, 'SELECT pem, fetched_at AS fetchedAt FROM sns_certificates WHERE url = ?').get(url) as
        | StoredCertificate
        | undefined;
    },
    /** The newest fetch wins, whichever process made it. */
    write(url: string, certificate: StoredCertificate): void {
      sql(
        db,
        `INSERT INTO sns_certificates (url, pem, fetched_at) VALUES (?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET pem = excluded.pem, fetched_at = excluded.fetched_at
         WHERE excluded.fetched_at >= sns_certificates.fetched_at`,
      ).run(url, certificate.pem, certificate.fetchedAt);
    },
  };
}

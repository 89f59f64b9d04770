import { randomBytes } from 'node:crypto';
import type { Db } from './open';
import { sql } from './statements';

export type WebhookProvider = 'ses' | 'sendgrid' | 'mailgun' | 'postmark';

export interface WebhookRow {
  id: string;
  orgId: number;
  provider: WebhookProvider;
  /** As stored; server/ingest/settings.ts parses it on every request (a bad row fails closed). */
  settings: unknown;
}

/** A webhook URL for one org and provider; the id is 24 random bytes, the only secret some ESPs can carry. */
export function createWebhook(
  db: Db,
  webhook: { orgId: number; provider: WebhookProvider; settings: unknown },
  now: number,
): string {
  const id = randomBytes(24).toString('base64url');
  sql(db, 'INSERT INTO webhooks (id, org_id, provider, settings, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    webhook.orgId,
    webhook.provider,
    JSON.stringify(webhook.settings),
    now,
  );
  return id;
}

export function webhookById(db: Db, id: string): WebhookRow | undefined {
  const row = sql(db, 'SELECT id, org_id AS orgId, provider, settings FROM webhooks WHERE id = ?').get(id) as
    | (Omit<WebhookRow, 'settings'> & { settings: string })
    | undefined;
  return row && { ...row, settings: JSON.parse(row.settings) as unknown };
}

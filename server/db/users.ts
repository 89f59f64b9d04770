import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Me, NotifyPreference } from '../../lib/api/me';
import type { Db } from './open';
import { sql } from './statements';

export const roleSchema = z.enum(['admin', 'member']);
export type Role = z.infer<typeof roleSchema>;

/** Who a request acts for, from its token. */
export interface AuthUser {
  id: number;
  orgId: number;
  email: string;
  role: Role;
}

export function createUser(db: Db, user: { orgId: number; email: string; role: Role }, now: number): number {
  return Number(
    sql(db, 'INSERT INTO users (org_id, email, role, created_at) VALUES (?, ?, ?, ?)').run(
      user.orgId,
      user.email,
      user.role,
      now,
    ).lastInsertRowid,
  );
}

export function userByEmail(db: Db, orgId: number, email: string): AuthUser | undefined {
  return sql(db, 'SELECT id, org_id AS orgId, email, role FROM users WHERE org_id = ? AND email = ?').get(
    orgId,
    email,
  ) as AuthUser | undefined;
}

/** A new API token for the user; only its hash is stored, so this is the one time it can be shown. */
export function issueToken(db: Db, userId: number, now: number): string {
  const token = `bg_${randomBytes(32).toString('base64url')}`;
  sql(db, 'INSERT INTO tokens (hash, user_id, created_at) VALUES (?, ?, ?)').run(tokenHash(token), userId, now);
  return token;
}

export function userByToken(db: Db, token: string): AuthUser | undefined {
  return sql(
    db,
    `SELECT u.id, u.org_id AS orgId, u.email, u.role
     FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = ?`,
  ).get(tokenHash(token)) as AuthUser | undefined;
}

/** `GET /v1/me`: the user with their org's name and notification preference. */
export function userProfile(db: Db, userId: number): Me {
  return sql(
    db,
    `SELECT u.email, u.role, o.name AS org, u.notify FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?`,
  ).get(userId) as Me;
}

export function setNotifyPreference(db: Db, userId: number, notify: NotifyPreference): void {
  sql(db, 'UPDATE users SET notify = ? WHERE id = ?').run(notify, userId);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

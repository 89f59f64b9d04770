import { audit } from '../db/audit';
import { clearEvents } from '../db/events';
import type { Db } from '../db/open';
import { nextSeq } from '../db/orgs';
import { deleteSuppression, suppressionByAddress } from '../db/suppressions';
import type { AuthUser } from '../db/users';
import { mayUnbounce } from '../policy';

export type UnbounceOutcome =
  | { ok: true; address: string; seq: number }
  | { ok: false; status: 404 | 403 };

/**
 * Lifts an address off the org's list: the row goes, a tombstone tells every extension, the address's past
 * bounces stop counting, and the audit log keeps who, when, why and the row as it was.
 */
export function unbounce(db: Db, user: AuthUser, address: string, reason: string, now: number): UnbounceOutcome {
  return db
    .transaction((): UnbounceOutcome => {
      const row = suppressionByAddress(db, user.orgId, address, user.id);
      if (row === undefined) return { ok: false, status: 404 };
      if (!mayUnbounce(user.role, row.class, row.own)) return { ok: false, status: 403 };
      const seq = nextSeq(db, user.orgId);
      deleteSuppression(db, user.orgId, address, seq, now);
      clearEvents(db, user.orgId, address, now);
      const { own: _own, ...removed } = row;
      audit(db, { orgId: user.orgId, userId: user.id, action: 'unbounce', address, reason, detail: removed }, now);
      return { ok: true, address, seq };
    })
    .immediate();
}

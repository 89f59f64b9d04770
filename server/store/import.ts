import { audit } from '../db/audit';
import type { Db } from '../db/open';
import { nextSeq } from '../db/orgs';
import { suppressionByAddress, writeSuppression } from '../db/suppressions';
import type { ImportEntry } from '../import/formats';

export interface ImportResult {
  added: number;
  /** Already on the list (a real bounce or an earlier import): left as they are. */
  alreadyListed: number;
}

/** Lists the addresses of an ESP's export as suppressed, in one transaction, with one audit entry. */
export function importSuppressions(
  db: Db,
  orgId: number,
  entries: readonly ImportEntry[],
  note: { file: string; format: string },
  now: number,
): ImportResult {
  return db
    .transaction((): ImportResult => {
      let added = 0;
      for (const entry of entries) {
        if (suppressionByAddress(db, orgId, entry.address, null) !== undefined) continue;
        writeSuppression(
          db,
          orgId,
          entry.address,
          {
            class: entry.class,
            reason: entry.reason,
            status: entry.status,
            diagnostic: entry.diagnostic,
            source: entry.source,
            bounceCount: entry.class === 'manual' ? 0 : 1,
            firstBounceAt: entry.at,
            lastBounceAt: entry.at,
            suppressed: true,
          },
          nextSeq(db, orgId),
        );
        added++;
      }
      const result = { added, alreadyListed: entries.length - added };
      audit(db, { orgId, userId: null, action: 'import', address: null, reason: null, detail: { ...note, ...result } }, now);
      return result;
    })
    .immediate();
}

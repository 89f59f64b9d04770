import type { Page } from '@playwright/test';
import type { Suppression } from '../../../lib/api/suppression';

/**
 * Puts suppression rows straight into the extension's IndexedDB, as a sync from the server would. `page` must be
 * an extension page that has opened the database (options.html does), so the schema exists.
 */
export async function seedSuppressions(page: Page, rows: Suppression[]): Promise<void> {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bounce-guard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('suppressions', 'readwrite');
          for (const row of rows) tx.objectStore('suppressions').put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

const DAY = 86_400_000;

export function hardBounce(address: string, daysAgo: number): Suppression {
  const at = Date.now() - daysAgo * DAY;
  return {
    address,
    class: 'hard',
    reason: 'userunknown',
    status: '5.1.1',
    diagnostic: '550 5.1.1 The email account that you tried to reach does not exist.',
    source: 'dsn',
    bounceCount: 1,
    firstBounceAt: at,
    lastBounceAt: at,
    suppressed: true,
    own: true,
    seq: 1,
  };
}

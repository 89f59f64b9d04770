import { browser } from 'wxt/browser';
import type { Suppression } from '../api/suppression';
import { reasonInWords } from '../checks/reasons';
import { notificationItem, unseenBouncesItem } from '../settings';

/** MV3 has `action`, Firefox's MV2 build `browserAction`. */
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/** Counts new bounces of the user's own mail on the toolbar badge and, if they want it, in a notification. */
export async function announceNewBounces(rows: readonly Suppression[]): Promise<void> {
  const unseen = (await unseenBouncesItem.getValue()) + rows.length;
  await unseenBouncesItem.setValue(unseen);
  const preference = await notificationItem.getValue();
  if (preference !== 'in_app' && preference !== 'both') return;
  const [first] = rows;
  if (first === undefined) return;
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: rows.length === 1 ? 'A message of yours bounced' : `${rows.length} messages of yours bounced`,
    message:
      rows.length === 1
        ? `${first.address}: ${reasonInWords(first.reason, first.class)}.`
        : rows.map((row) => row.address).join(', ').slice(0, 200),
  });
}

/** Keeps the badge equal to the unseen count (the popup sets it back to zero when opened). */
export function showUnseenOnBadge(): void {
  const show = (count: number) => {
    const button = toolbarButton();
    void button.setBadgeText({ text: count > 0 ? String(Math.min(count, 99)) : '' });
    void button.setBadgeBackgroundColor({ color: '#b3261e' });
  };
  void unseenBouncesItem.getValue().then(show);
  unseenBouncesItem.watch(show);
}

import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '@/lib/background/handlers';
import { registerHandlers } from '@/lib/messaging';
import { showUnseenOnBadge } from '@/lib/sync/announce';
import { startSync, syncNow } from '@/lib/sync/scheduler';

export default defineBackground(() => {
  registerHandlers(createHandlers({ now: Date.now, syncNow }));
  startSync();
  showUnseenOnBadge();
});

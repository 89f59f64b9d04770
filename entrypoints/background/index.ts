import { defineBackground } from 'wxt/utils/define-background';
import { createHandlers } from '@/lib/background/handlers';
import { registerHandlers } from '@/lib/messaging';

export default defineBackground(() => {
  registerHandlers(createHandlers());
});

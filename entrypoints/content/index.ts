import { askBeforeSend, mountPanel } from '@/components/compose/mountUi';
import { CheckEnvironment } from '@/lib/compose/checkEnvironment';
import { startComposeGuard } from '@/lib/compose/startComposeGuard';
import { shortenerHosts } from '@/lib/checks/data/shorteners';
import { sendRequest, type DiagnosticEvent } from '@/lib/messaging';
import { loadSettings, suppressionsChangedItem, watchSettings } from '@/lib/settings';
import { gmail } from '@/lib/webmail/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const report = (event: DiagnosticEvent, detail?: string): void => {
      sendRequest({ type: 'diagnostic', event, detail }).catch(() => {});
    };
    const env = new CheckEnvironment({
      lookup: async (addresses) => (await sendRequest({ type: 'lookup', addresses })).facts,
      frequentDomains: async () => new Map((await sendRequest({ type: 'frequentDomains' })).domains),
      settings: await loadSettings(),
      defaultShorteners: new Set(shortenerHosts),
      onError: (error) => report('check-error', String(error).slice(0, 200)),
    });
    const stopSettings = watchSettings((settings) => env.updateSettings(settings));
    const stopList = suppressionsChangedItem.watch(() => env.facts.reset());
    const stop = startComposeGuard({
      doc: document,
      adapter: gmail,
      env,
      ui: {
        mountPanel: (session, onFix) => mountPanel(ctx, gmail.findingsAnchor(session.root), session, onFix),
        confirm: (findings) => askBeforeSend(ctx, findings),
      },
      recordSent: ({ domains, recipients, subject }) => {
        if (recipients.length === 0) return;
        const mail = {
          clientId: crypto.randomUUID(),
          messageId: null,
          subject: subject.slice(0, 998),
          sentAt: Date.now(),
          recipients: recipients.slice(0, 500),
        };
        sendRequest({ type: 'recordSent', domains, mail })
          .then(() => env.refreshFrequentDomains())
          .catch((error: unknown) => report('check-error', `recordSent: ${String(error).slice(0, 180)}`));
      },
      report,
    });
    ctx.onInvalidated(() => {
      stop();
      stopSettings();
      stopList();
    });
  },
});

import { browser } from 'wxt/browser';
import { serverUrlItem } from '@/lib/settings';
import { useStorageValue } from '../common/useStorageValue';

export function ConnectionStatus() {
  const serverUrl = useStorageValue(serverUrlItem);
  if (serverUrl === undefined) return null;
  return (
    <section aria-labelledby="connection-heading" className="connection">
      <h2 id="connection-heading">Connection</h2>
      <p>
        {serverUrl === null
          ? 'Not connected to a server — set it up in Options'
          : `Server: ${new URL(serverUrl).host}. Syncing the bounce list is not available yet.`}
      </p>
      <button type="button" className="secondary" onClick={() => void browser.runtime.openOptionsPage()}>
        Open options
      </button>
    </section>
  );
}

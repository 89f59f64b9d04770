import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendRequest } from '@/lib/messaging';
import { serverUrlItem, syncStatusItem } from '@/lib/settings';
import { useStorageValue } from '../common/useStorageValue';
import { timeAgo } from '../common/time';

export function ConnectionStatus() {
  const serverUrl = useStorageValue(serverUrlItem);
  const status = useStorageValue(syncStatusItem);
  const [syncing, setSyncing] = useState(false);
  if (serverUrl === undefined || status === undefined) return null;

  const syncNow = async () => {
    setSyncing(true);
    try {
      await sendRequest({ type: 'syncNow' });
    } finally {
      setSyncing(false);
    }
  };

  return (
    <section aria-labelledby="connection-heading" className="connection">
      <h2 id="connection-heading">Connection</h2>
      {serverUrl === null ? (
        <p>Not connected to a server — set it up in Options to share your team’s bounce list.</p>
      ) : (
        <>
          <p>
            Server: {new URL(serverUrl).host}.{' '}
            {status.lastSuccessAt === null
              ? 'Not synced yet.'
              : `Bounce list synced ${timeAgo(status.lastSuccessAt, Date.now())}.`}
          </p>
          {status.lastError !== null && (
            <p className="error" role="alert">
              Last sync failed: {status.lastError}
            </p>
          )}
          <button type="button" onClick={() => void syncNow()} disabled={syncing}>
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>{' '}
        </>
      )}
      <button type="button" className="secondary" onClick={() => void browser.runtime.openOptionsPage()}>
        Open options
      </button>
    </section>
  );
}

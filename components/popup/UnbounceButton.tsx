import { useState } from 'react';
import { sendRequest } from '@/lib/messaging';
import { serverUrlItem, tokenItem } from '@/lib/settings';
import { unbounce } from '@/lib/sync/unbounce';
import { useStorageValue } from '../common/useStorageValue';

/**
 * Lifts a suppression on the server, with the reason the audit log keeps, then syncs so the row goes away here
 * too. Shown only when connected: without a server there is nobody to ask.
 */
export function UnbounceButton({ address }: { address: string }) {
  const serverUrl = useStorageValue(serverUrlItem);
  const token = useStorageValue(tokenItem);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!serverUrl || !token) return null;

  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)} aria-label={`Unbounce ${address}`}>
        Unbounce
      </button>
    );
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unbounce({ serverUrl, token }, address, { reason: reason.trim() || 'Unbounced from the extension' });
      await sendRequest({ type: 'syncNow' });
      setOpen(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="unbounce" onSubmit={(event) => void submit(event)}>
      <label>
        Why is {address} fine now?
        <input value={reason} onChange={(event) => setReason(event.target.value)} placeholder="e.g. mailbox emptied" />
      </label>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Unbouncing…' : `Unbounce ${address}`}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}

import type { Suppression } from '@/lib/api/suppression';
import { removeLocalEntry } from '@/lib/db';
import type { LiveResult } from '../common/useLiveQuery';
import { plural } from '../common/words';

/** The addresses the user added on this device, each removable. */
export function LocalEntries({
  entries,
  onError,
}: {
  entries: LiveResult<Suppression[]>;
  onError: (message: string) => void;
}) {
  if (entries.status === 'loading') return null;
  if (entries.status === 'error') return <p className="error">The list could not be read.</p>;

  const remove = async (address: string) => {
    try {
      await removeLocalEntry(address);
    } catch {
      onError(`${address} could not be removed.`);
    }
  };

  return (
    <>
      <p id="list-count" aria-live="polite">
        {plural(entries.value.length, 'address', 'addresses')} on your local list.
      </p>
      {entries.value.length > 0 && (
        <ul className="entries" aria-labelledby="list-count">
          {entries.value.map(({ address }) => (
            <li key={address}>
              <span className="address">{address}</span>
              <button
                type="button"
                className="secondary"
                aria-label={`Remove ${address}`}
                onClick={() => void remove(address)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

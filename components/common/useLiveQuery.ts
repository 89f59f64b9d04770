import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export type LiveResult<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: unknown };

/**
 * Re-runs `query` whenever the Dexie tables it read change (in any extension page or the background).
 * `query` must be stable (module-level or useCallback), or the subscription restarts every render.
 * Dexie's own liveQuery, so no dexie-react-hooks dependency.
 */
export function useLiveQuery<T>(query: () => Promise<T>): LiveResult<T> {
  const [result, setResult] = useState<LiveResult<T>>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setResult({ status: 'ready', value }),
      error: (error: unknown) => setResult({ status: 'error', error }),
    });
    return () => subscription.unsubscribe();
  }, [query]);
  return result;
}

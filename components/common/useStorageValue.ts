import { useEffect, useState } from 'react';
import type { ValidatedItem } from '@/lib/settings';

/** A storage item's validated value, kept current; undefined while the first read is under way. */
export function useStorageValue<T>(item: ValidatedItem<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let active = true;
    const unwatch = item.watch((next) => setValue(() => next));
    void item.getValue().then((first) => {
      if (active) setValue((current) => (current === undefined ? first : current));
    });
    return () => {
      active = false;
      unwatch();
    };
  }, [item]);
  return value;
}

import { useSyncExternalStore } from 'react';
import type { Finding } from '@/lib/checks/types';
import { FindingItem } from './FindingItem';

export interface FindingsSource {
  subscribe(listener: () => void): () => void;
  current(): readonly Finding[];
}

/** Findings beside one compose, updated as the person edits; empty when there is nothing to say. */
export function FindingsPanel({ source, onFix }: { source: FindingsSource; onFix(finding: Finding): void }) {
  const findings = useSyncExternalStore(source.subscribe, source.current);
  if (findings.length === 0) return null;
  return (
    <section className="bg-panel" role="region" aria-label="Bounce Guard" aria-live="polite">
      <ul className="bg-list">
        {findings.map((finding) => (
          <FindingItem key={finding.id} finding={finding} onFix={onFix} />
        ))}
      </ul>
    </section>
  );
}

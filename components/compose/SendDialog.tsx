import { useEffect, useId, useRef } from 'react';
import type { Finding } from '@/lib/checks/types';
import { FindingItem } from './FindingItem';

/** Asks before a send with findings; "Go back" is the default, Escape means "Go back". */
export function SendDialog({ findings, onDecide }: { findings: readonly Finding[]; onDecide(send: boolean): void }) {
  const titleId = useId();
  const goBack = useRef<HTMLButtonElement>(null);
  useEffect(() => goBack.current?.focus(), []);
  const count = findings.length;
  return (
    <div className="bg-backdrop" onKeyDown={(e) => e.key === 'Escape' && onDecide(false)}>
      <div className="bg-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId} className="bg-title">
          {count === 1 ? 'Check this before sending' : `Check these ${count} things before sending`}
        </h2>
        <ul className="bg-list">
          {findings.map((finding) => (
            <FindingItem key={finding.id} finding={finding} />
          ))}
        </ul>
        <div className="bg-actions">
          <button type="button" className="bg-secondary" onClick={() => onDecide(true)}>
            Send anyway
          </button>
          <button type="button" className="bg-primary" ref={goBack} onClick={() => onDecide(false)}>
            Go back
          </button>
        </div>
      </div>
    </div>
  );
}

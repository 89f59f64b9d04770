import { useCallback, useEffect, useState } from 'react';
import type { Suppression } from '@/lib/api/suppression';
import { reasonInWords } from '@/lib/checks/reasons';
import { recentBounces } from '@/lib/db';
import { useLiveQuery } from '../common/useLiveQuery';
import { fullDate, timeAgo } from '../common/time';
import { capitalize } from '../common/words';
import { unseenBouncesItem } from '@/lib/settings';
import { UnbounceButton } from './UnbounceButton';

const WINDOW_DAYS = 14;

export function RecentBounces() {
  const [now] = useState(() => Date.now());
  const query = useCallback(() => recentBounces(now - WINDOW_DAYS * 86_400_000), [now]);
  const bounces = useLiveQuery(query);
  // Opening the popup is seeing them: the toolbar badge goes back to zero.
  useEffect(() => void unseenBouncesItem.setValue(0), []);
  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent bounces</h2>
      <p className="muted">Mail that did not arrive in the last {WINDOW_DAYS} days.</p>
      {bounces.status === 'loading' && <p aria-busy="true">Loading…</p>}
      {bounces.status === 'error' && <p className="error">The bounce list could not be read.</p>}
      {bounces.status === 'ready' &&
        (bounces.value.length === 0 ? (
          <p className="empty">No bounces in the last {WINDOW_DAYS} days.</p>
        ) : (
          <ul className="bounces">
            {bounces.value.map((row) => (
              <BounceItem key={row.address} row={row} now={now} />
            ))}
          </ul>
        ))}
    </section>
  );
}

function BounceItem({ row, now }: { row: Suppression; now: number }) {
  return (
    <li className="bounce">
      <div className="bounce-head">
        <span className="address">{row.address}</span>
        {row.own && <span className="tag">Your mail</span>}
      </div>
      <div>{capitalize(reasonInWords(row.reason, row.class))}</div>
      <div className="muted">
        <time dateTime={new Date(row.lastBounceAt).toISOString()} title={fullDate(row.lastBounceAt)}>
          {timeAgo(row.lastBounceAt, now)}
        </time>
        {' · '}
        {row.suppressed ? (
          <span title="Bounce Guard warns before you send to this address">Suppressed</span>
        ) : (
          <span title="Not blocked: delivery may work next time">Not suppressed</span>
        )}
      </div>
      {row.suppressed && <UnbounceButton address={row.address} />}
    </li>
  );
}

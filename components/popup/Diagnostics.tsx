import type { DiagnosticEvent } from '@/lib/messaging';
import { diagnosticsItem, failOpenEvents } from '@/lib/settings';
import { useStorageValue } from '../common/useStorageValue';

const eventWords: Record<DiagnosticEvent, string> = {
  'selector-miss': 'Gmail’s compose window could not be read',
  'check-error': 'A check failed',
  'guard-error': 'The send guard failed',
  'lookup-pending': 'You sent before the bounce list answered',
  'fix-failed': 'One-click fixes that could not be applied',
};

export function Diagnostics() {
  const diagnostics = useStorageValue(diagnosticsItem);
  if (diagnostics === undefined) return null;
  const letThrough = failOpenEvents.reduce((sum, event) => sum + diagnostics[event].count, 0);
  const fixFailed = diagnostics['fix-failed'].count;
  return (
    <section aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">Problems on our side</h2>
      <p>
        Sends let through unchecked because of a problem on our side: <strong>{letThrough}</strong>
      </p>
      {letThrough > 0 && (
        <ul className="diagnostics">
          {failOpenEvents
            .filter((event) => diagnostics[event].count > 0)
            .map((event) => (
              <li key={event}>
                {eventWords[event]}: {diagnostics[event].count}
              </li>
            ))}
        </ul>
      )}
      {fixFailed > 0 && (
        <p>
          {eventWords['fix-failed']}: {fixFailed}
        </p>
      )}
    </section>
  );
}

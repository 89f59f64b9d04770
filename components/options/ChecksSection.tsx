import { useState } from 'react';
import type { CheckName } from '@/lib/checks/types';
import { settingsItem, updateSettings } from '@/lib/settings';
import { FieldMessage } from '../common/FieldMessage';
import { useStorageValue } from '../common/useStorageValue';

const checks: Array<{ name: CheckName; label: string; hint: string }> = [
  { name: 'bounced', label: 'Recipients known to bounce', hint: 'Addresses on the bounce list.' },
  { name: 'malformed', label: 'Malformed addresses', hint: 'Addresses that cannot be delivered as written.' },
  { name: 'typo', label: 'Address typos', hint: 'Such as gmial.com for gmail.com, with a one-click fix.' },
  { name: 'shortlink', label: 'Shortened links', hint: 'bit.ly and the like, which spam filters distrust.' },
];

export function ChecksSection() {
  const settings = useStorageValue(settingsItem);
  const [error, setError] = useState<string | null>(null);
  if (settings === undefined) return null;

  const toggle = async (name: CheckName, on: boolean) => {
    try {
      await updateSettings((current) => ({ ...current, checks: { ...current.checks, [name]: on } }));
      setError(null);
    } catch {
      setError('The change could not be saved.');
    }
  };

  return (
    <section className="card">
      <fieldset aria-describedby="checks-message">
        <legend>Checks before Send</legend>
        {checks.map(({ name, label, hint }) => (
          <div className="choice" key={name}>
            <input
              type="checkbox"
              id={`check-${name}`}
              checked={settings.checks[name]}
              aria-describedby={`check-${name}-hint`}
              onChange={(event) => void toggle(name, event.currentTarget.checked)}
            />
            <label htmlFor={`check-${name}`}>{label}</label>
            <span id={`check-${name}-hint`} className="hint">
              {hint}
            </span>
          </div>
        ))}
      </fieldset>
      <FieldMessage id="checks-message" error={error} />
    </section>
  );
}

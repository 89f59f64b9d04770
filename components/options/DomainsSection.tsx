import { useState, type FormEvent } from 'react';
import { settingsItem, updateSettings, type Settings } from '@/lib/settings';
import { Field } from '../common/Field';
import { FieldMessage } from '../common/FieldMessage';
import { useStorageValue } from '../common/useStorageValue';
import { parseHostList } from './hostList';

export function DomainsSection() {
  const settings = useStorageValue(settingsItem);
  return (
    <section className="card" aria-labelledby="domains-heading">
      <h2 id="domains-heading">Domains</h2>
      {settings !== undefined && <DomainsForm initial={settings} />}
    </section>
  );
}

function DomainsForm({ initial }: { initial: Settings }) {
  const [trusted, setTrusted] = useState(initial.trustedDomains.join('\n'));
  const [shorteners, setShorteners] = useState(initial.extraShorteners.join('\n'));
  const [errors, setErrors] = useState<{ trusted?: string; shorteners?: string; save?: string }>({});
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const trustedList = parseHostList(trusted);
    const shortenerList = parseHostList(shorteners);
    if (!trustedList.ok || !shortenerList.ok) {
      setErrors({
        trusted: trustedList.ok ? undefined : trustedList.error,
        shorteners: shortenerList.ok ? undefined : shortenerList.error,
      });
      return;
    }
    try {
      await updateSettings((current) => ({
        ...current,
        trustedDomains: trustedList.hosts,
        extraShorteners: shortenerList.hosts,
      }));
      setTrusted(trustedList.hosts.join('\n'));
      setShorteners(shortenerList.hosts.join('\n'));
      setErrors({});
      setSaved(true);
    } catch {
      setErrors({ save: 'The domains could not be saved.' });
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Field
        id="trusted-domains"
        label="Trusted domains"
        hint="Your own and your partners’ domains, one per line. Never flagged as typos."
        error={errors.trusted}
      >
        {(control) => (
          <textarea {...control} rows={4} value={trusted} onChange={(event) => setTrusted(event.currentTarget.value)} />
        )}
      </Field>
      <Field
        id="extra-shorteners"
        label="Extra shortener hosts"
        hint="Link shorteners to warn about on top of the built-in list, one per line (such as go.example.com)."
        error={errors.shorteners}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={shorteners}
            onChange={(event) => setShorteners(event.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit">Save domains</button>
      <FieldMessage id="domains-message" error={errors.save} status={saved ? 'Saved.' : null} />
    </form>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { serverUrlItem, serverUrlSchema, settingsItem, tokenItem, tokenSchema, updateSettings } from '@/lib/settings';
import { useStorageValue } from '../common/useStorageValue';
import { Field } from '../common/Field';
import { FieldMessage } from '../common/FieldMessage';
import { capitalize } from '../common/words';

interface Connection {
  serverUrl: string | null;
  token: string | null;
}

/** Both filled, or both empty (not connected). */
function checkConnection(url: string, token: string): { value?: Connection; url?: string; token?: string } {
  if (url.trim() === '' && token.trim() === '') return { value: { serverUrl: null, token: null } };
  const parsedUrl = serverUrlSchema.safeParse(url);
  const parsedToken = tokenSchema.safeParse(token);
  if (parsedUrl.success && parsedToken.success) return { value: { serverUrl: parsedUrl.data, token: parsedToken.data } };
  return {
    url: parsedUrl.success ? undefined : firstMessage(parsedUrl.error),
    token: parsedToken.success ? undefined : firstMessage(parsedToken.error),
  };
}

function firstMessage(error: z.ZodError): string {
  return `${capitalize(error.issues[0]?.message ?? 'not valid')}.`;
}

export function ServerSection() {
  const [loaded, setLoaded] = useState<Connection | undefined>(undefined);
  useEffect(() => {
    void Promise.all([serverUrlItem.getValue(), tokenItem.getValue()]).then(([serverUrl, token]) =>
      setLoaded({ serverUrl, token }),
    );
  }, []);
  return (
    <section className="card" aria-labelledby="server-heading">
      <h2 id="server-heading">Server</h2>
      <p className="hint">
        Your organization’s Bounce Guard server shares its bounce list with you. Leave both fields empty to stay
        unconnected.
      </p>
      {loaded !== undefined && <ServerForm initial={loaded} />}
    </section>
  );
}

function ServerForm({ initial }: { initial: Connection }) {
  const [url, setUrl] = useState(initial.serverUrl ?? '');
  const [token, setToken] = useState(initial.token ?? '');
  const [errors, setErrors] = useState<{ url?: string; token?: string; save?: string }>({});
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const checked = checkConnection(url, token);
    if (checked.value === undefined) return setErrors({ url: checked.url, token: checked.token });
    try {
      await Promise.all([serverUrlItem.setValue(checked.value.serverUrl), tokenItem.setValue(checked.value.token)]);
      setUrl(checked.value.serverUrl ?? '');
      setToken(checked.value.token ?? '');
      setErrors({});
      setSaved(true);
    } catch {
      setErrors({ save: 'The connection could not be saved.' });
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Field id="server-url" label="Server URL" error={errors.url}>
        {(control) => (
          <input
            {...control}
            type="url"
            inputMode="url"
            placeholder="https://bounces.example.com"
            autoComplete="url"
            value={url}
            onChange={(event) => setUrl(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field id="server-token" label="Access token" error={errors.token}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(event) => setToken(event.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit">Save connection</button>
      <FieldMessage id="server-message" error={errors.save} status={saved ? 'Saved.' : null} />
      <ShareSentLog />
    </form>
  );
}

/** Whether the user's sent mail goes into the team's email log; saved as soon as it changes. */
function ShareSentLog() {
  const settings = useStorageValue(settingsItem);
  if (settings === undefined) return null;
  return (
    <div className="choice">
      <input
        type="checkbox"
        id="share-sent-log"
        checked={settings.shareSentLog}
        aria-describedby="share-sent-log-hint"
        onChange={(event) => {
          const shareSentLog = event.currentTarget.checked;
          void updateSettings((current) => ({ ...current, shareSentLog }));
        }}
      />
      <label htmlFor="share-sent-log">Add my sent mail to the team’s email log</label>
      <span id="share-sent-log-hint" className="hint">
        Recipients, subject and time of each mail you send (never its text), so your admin sees what bounced.
      </span>
    </div>
  );
}

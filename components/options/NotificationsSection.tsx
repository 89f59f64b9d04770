import { useState } from 'react';
import { notificationItem, notificationPreference, serverUrlItem, tokenItem, type NotificationPreference } from '@/lib/settings';
import { saveNotifyPreference } from '@/lib/sync/notifyPreference';
import { FieldMessage } from '../common/FieldMessage';
import { useStorageValue } from '../common/useStorageValue';

const choices: Record<NotificationPreference, string> = {
  in_app: 'In the extension',
  email: 'By email',
  both: 'Both',
  none: 'None',
};

export function NotificationsSection() {
  const preference = useStorageValue(notificationItem);
  const [message, setMessage] = useState<{ error?: string; status?: string }>({});
  if (preference === undefined) return null;

  const choose = async (value: string) => {
    const parsed = notificationPreference.safeParse(value);
    if (!parsed.success) return setMessage({ error: 'Choose one of the options.' });
    try {
      await notificationItem.setValue(parsed.data);
    } catch {
      return setMessage({ error: 'The choice could not be saved.' });
    }
    const [serverUrl, token] = await Promise.all([serverUrlItem.getValue(), tokenItem.getValue()]);
    if (serverUrl === null || token === null) return setMessage({ status: 'Saved.' });
    try {
      await saveNotifyPreference({ serverUrl, token }, parsed.data);
      setMessage({ status: 'Saved, here and on your server.' });
    } catch (error) {
      setMessage({ error: `Saved here, but the server did not take it: ${error instanceof Error ? error.message : error}` });
    }
  };

  return (
    <section className="card">
      <fieldset aria-describedby="notifications-hint notifications-message">
        <legend>Notify me of new bounces of my mail</legend>
        <span id="notifications-hint" className="hint">
          Email notifications are sent by your organization’s server.
        </span>
        {notificationPreference.options.map((value) => (
          <div className="choice" key={value}>
            <input
              type="radio"
              id={`notify-${value}`}
              name="notifications"
              value={value}
              checked={preference === value}
              onChange={(event) => void choose(event.currentTarget.value)}
            />
            <label htmlFor={`notify-${value}`}>{choices[value]}</label>
          </div>
        ))}
      </fieldset>
      <FieldMessage id="notifications-message" error={message.error} status={message.status} />
    </section>
  );
}

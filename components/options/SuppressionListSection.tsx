import { useState, type ChangeEvent, type FormEvent } from 'react';
import { importAddresses, localEntries, MAX_LISTED_ADDRESSES, parseAddressList } from '@/lib/db';
import { Field } from '../common/Field';
import { FieldMessage } from '../common/FieldMessage';
import { useLiveQuery } from '../common/useLiveQuery';
import { listSome, plural } from '../common/words';
import { LocalEntries } from './LocalEntries';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

type Outcome = { error: string } | { status: string };

/** Validates everything first: one entry that is not an address and nothing is added. */
async function addFromText(text: string): Promise<Outcome> {
  const { addresses, invalid } = parseAddressList(text);
  if (invalid.length > 0) {
    const noun = invalid.length === 1 ? 'entry is' : 'entries are';
    return { error: `Nothing was added: ${invalid.length} ${noun} not an email address (${listSome(invalid)}).` };
  }
  if (addresses.length === 0) return { error: 'Nothing was added: no addresses found.' };
  if (addresses.length > MAX_LISTED_ADDRESSES) {
    return { error: `Nothing was added: at most ${MAX_LISTED_ADDRESSES.toLocaleString()} addresses at a time.` };
  }
  try {
    const { added, alreadyListed } = await importAddresses(addresses, Date.now());
    const already = alreadyListed > 0 ? ` ${plural(alreadyListed, 'was', 'were')} already on the list.` : '';
    return { status: `Added ${plural(added, 'address', 'addresses')}.${already}` };
  } catch {
    return { error: 'Nothing was added: the list could not be saved.' };
  }
}

export function SuppressionListSection() {
  const entries = useLiveQuery(localEntries);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<Outcome>) => {
    setBusy(true);
    try {
      const result = await work().catch((): Outcome => ({ error: 'Nothing was added: the input could not be read.' }));
      setOutcome(result);
      return result;
    } finally {
      setBusy(false);
    }
  };

  const addPasted = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() => addFromText(text));
    if ('status' in result) setText('');
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (file === undefined) return;
    await run(async () =>
      file.size > MAX_FILE_BYTES ? { error: 'Nothing was added: the file is larger than 5 MB.' } : addFromText(await file.text()),
    );
    input.value = '';
  };

  const error = outcome !== null && 'error' in outcome ? outcome.error : null;
  const status = outcome !== null && 'status' in outcome ? outcome.status : null;

  return (
    <section className="card" aria-labelledby="list-heading">
      <h2 id="list-heading">Local suppression list</h2>
      <p className="hint">
        Addresses you know bounce. Bounce Guard warns before you send to them. The list stays on this device.
      </p>
      <form onSubmit={(event) => void addPasted(event)} noValidate>
        <Field
          id="addresses-to-add"
          label="Addresses to add"
          hint="One per line, or separated by commas."
          describedBy="list-message"
        >
          {(control) => (
            <textarea {...control} rows={4} value={text} onChange={(event) => setText(event.currentTarget.value)} />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Add to list
        </button>
      </form>
      <Field
        id="import-file"
        label="Import a file"
        hint="A text file with one address per line, or a CSV export with an email column (SendGrid, Postmark, Mailgun…)."
        describedBy="list-message"
      >
        {(control) => (
          <input
            {...control}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            disabled={busy}
            onChange={(event) => void importFile(event)}
          />
        )}
      </Field>
      <FieldMessage id="list-message" error={error} status={status} />
      <LocalEntries entries={entries} onError={(message) => setOutcome({ error: message })} />
    </section>
  );
}

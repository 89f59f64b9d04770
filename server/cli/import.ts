import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bounceClass } from '../../lib/api/suppression';
import { openDb } from '../db/open';
import { orgByName } from '../db/orgs';
import { parseSuppressionExport } from '../import/formats';
import { importSuppressions } from '../store/import';
import { CommandError, dbFile, dbOption, parsed, required, UsageError, type CommandContext } from './io';

/**
 * `import FILE --org NAME [--class hard|soft|block|complaint|manual]`: an ESP's suppression export (SendGrid or
 * Postmark CSV, SES list-suppressed-destinations or Postmark dump JSON, one address per line) onto the org's list.
 * `--class` overrides what the file implies (e.g. `complaint` for a SendGrid spam-report export).
 * Addresses already listed are left alone; any entry that is not an address stops the import before a write.
 */
export function importCommand({ args, env, print }: CommandContext): void {
  const { values, positionals } = parsed(() =>
    parseArgs({
      args,
      options: { ...dbOption, org: { type: 'string' }, class: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    }),
  );
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) throw new UsageError('import takes exactly one FILE');
  const override = values.class === undefined ? undefined : bounceClass.safeParse(values.class);
  if (override?.success === false) throw new UsageError('--class must be hard, soft, block, complaint or manual');
  const orgName = required(values.org, 'org');

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const now = Date.now();
  let parsedExport;
  try {
    parsedExport = parseSuppressionExport(text, now);
  } catch (error) {
    throw new CommandError(`${file}: ${(error as Error).message}`);
  }
  const { format, entries, invalid } = parsedExport;
  if (invalid.length > 0) {
    throw new CommandError(`${file}: ${invalid.length} entries are not addresses, e.g. ${invalid.slice(0, 5).join(', ')}`);
  }
  const klass = override?.data;
  const listed = klass === undefined ? entries : entries.map((entry) => ({ ...entry, class: klass }));

  const db = openDb(dbFile(values.db, env));
  try {
    const org = orgByName(db, orgName);
    if (org === undefined) throw new CommandError(`No org named ${orgName}; users add creates one`);
    const result = importSuppressions(db, org.id, listed, { file: path.basename(file), format }, now);
    print({ org: orgName, file, format, ...result });
  } finally {
    db.close();
  }
}

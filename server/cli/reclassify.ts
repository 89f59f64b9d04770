import { parseArgs } from 'node:util';
import { appConfigSchema } from '../config';
import { openDb } from '../db/open';
import { orgByName } from '../db/orgs';
import { reclassify, type ChangedEvent } from '../store/reclassify';
import { CommandError, dbFile, dbOption, parsed, type CommandContext } from './io';

const DAY_MS = 86_400_000;

/**
 * `reclassify [--org NAME] [--dry-run]`: the current classifier over the kept payloads (server/store/reclassify.ts).
 * One line per changed event `{eventId, address, before, after}` (`before` null: newly read), then `{summary}`.
 * `--dry-run` prints the same and changes nothing.
 */
export async function reclassifyCommand({ args, env, print }: CommandContext): Promise<void> {
  const { values } = parsed(() =>
    parseArgs({
      args,
      options: { ...dbOption, org: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      strict: true,
    }),
  );
  const db = openDb(dbFile(values.db, env));
  try {
    let orgId: number | null = null;
    if (values.org !== undefined) {
      const org = orgByName(db, values.org);
      if (org === undefined) throw new CommandError(`No org named ${values.org}`);
      orgId = org.id;
    }
    // A newly read bounce looks as far back for its mail as ingest does: the email log's retention.
    const deps = { db, now: Date.now, emailLogMs: appConfigSchema.parse({}).emailLogDays * DAY_MS };
    const onChange = (change: ChangedEvent) => print({ ...change });
    const summary = await reclassify(deps, { orgId, dryRun: values['dry-run'], onChange });
    print({ summary });
  } finally {
    db.close();
  }
}

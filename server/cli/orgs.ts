import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDb } from '../db/open';
import { orgByName, orgPolicy, setOrgPolicy } from '../db/orgs';
import { orgPolicySchema } from '../policy';
import { CommandError, dbFile, dbOption, parsed, required, UsageError, type CommandContext } from './io';

/**
 * `orgs policy --org NAME [--set JSON]` prints the org's policy; `--set` replaces the named classes' rules, e.g.
 * `--set '{"soft":{"suppressAfter":5,"windowDays":30}}'`.
 */
export function orgsPolicy({ args, env, print }: CommandContext): void {
  const { values } = parsed(() =>
    parseArgs({ args, options: { ...dbOption, org: { type: 'string' }, set: { type: 'string' } }, strict: true }),
  );
  const orgName = required(values.org, 'org');
  const db = openDb(dbFile(values.db, env));
  try {
    const org = orgByName(db, orgName);
    if (org === undefined) throw new CommandError(`No org named ${orgName}`);
    let policy = orgPolicy(db, org.id);
    if (values.set !== undefined) {
      let change: unknown;
      try {
        change = JSON.parse(values.set);
      } catch {
        throw new UsageError('--set must be JSON');
      }
      const next = orgPolicySchema.safeParse({ ...policy, ...(change as object) });
      if (!next.success) throw new UsageError(z.prettifyError(next.error));
      setOrgPolicy(db, org.id, next.data);
      policy = next.data;
    }
    print({ org: orgName, policy });
  } finally {
    db.close();
  }
}

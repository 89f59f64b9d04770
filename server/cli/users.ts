import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDb } from '../db/open';
import { createOrg, orgByName, orgNameSchema } from '../db/orgs';
import { createUser, issueToken, roleSchema, userByEmail } from '../db/users';
import { CommandError, dbFile, dbOption, parsed, required, UsageError, type CommandContext } from './io';

const userEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^@\s]+@[^@\s]+$/, 'Expected an email address');

/** `users add --org NAME --email ADDR --role admin|member`: creates the org if new and prints the user's token. */
export function usersAdd({ args, env, print }: CommandContext): void {
  const { values } = parsed(() =>
    parseArgs({
      args,
      options: { ...dbOption, org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
      strict: true,
    }),
  );
  const input = z
    .object({ org: orgNameSchema, email: userEmailSchema, role: roleSchema })
    .safeParse({ org: required(values.org, 'org'), email: required(values.email, 'email'), role: required(values.role, 'role') });
  if (!input.success) throw new UsageError(z.prettifyError(input.error));
  const { org: name, email, role } = input.data;
  const db = openDb(dbFile(values.db, env));
  try {
    const now = Date.now();
    const result = db
      .transaction(() => {
        const existing = orgByName(db, name);
        const org = existing ?? createOrg(db, name, now);
        if (userByEmail(db, org.id, email) !== undefined) throw new CommandError(`${email} is already a user of ${name}`);
        const userId = createUser(db, { orgId: org.id, email, role }, now);
        return { orgCreated: existing === undefined, token: issueToken(db, userId, now) };
      })
      .immediate();
    print({ org: name, orgCreated: result.orgCreated, email, role, token: result.token });
  } finally {
    db.close();
  }
}

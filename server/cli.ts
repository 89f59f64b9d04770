import { pathToFileURL } from 'node:url';
import { checkAddresses } from './cli/check-address';
import { classify } from './cli/classify';
import { importCommand } from './cli/import';
import { CommandError, UsageError, type Command, type Print } from './cli/io';
import { orgsPolicy } from './cli/orgs';
import { reclassifyCommand } from './cli/reclassify';
import { serve } from './cli/serve';
import { usersAdd } from './cli/users';
import { webhooksAdd } from './cli/webhooks';

/** Commands by their words; each prints one JSON object per line and takes `--db FILE` (default under ./data/). */
const commands: Record<string, Command> = {
  serve,
  'users add': usersAdd,
  'webhooks add': webhooksAdd,
  'orgs policy': orgsPolicy,
  import: importCommand,
  classify,
  reclassify: reclassifyCommand,
  'check-address': checkAddresses,
};

/** `npm run -s cli -- <command> …`; answers the process exit code. Safe while the server runs (SQLite WAL). */
export async function runCli(argv: string[], env: Record<string, string | undefined>, print: Print, printError: Print): Promise<number> {
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((words) => words in commands);
  const command = name === undefined ? undefined : commands[name];
  if (name === undefined || command === undefined) {
    printError({ error: `Unknown command. Commands: ${Object.keys(commands).join(', ')}` });
    return 2;
  }
  try {
    await command({ args: argv.slice(name.split(' ').length), env, print });
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof CommandError) {
      printError({ error: error.message });
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

const line = (stream: NodeJS.WriteStream): Print => (object) => stream.write(`${JSON.stringify(object)}\n`);

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), process.env, line(process.stdout), line(process.stderr));
}

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parsed, UsageError, type Print } from './cli/io';
import { parseServerConfig } from './config';
import { startServer } from './start';

/**
 * `node --import tsx server/main.ts [--host H] [--port N] [--db FILE] [--public-url URL] [--raw-retention-days N]`,
 * also `cli serve`.
 * Flags win over BOUNCE_GUARD_* environment variables. Resolves once stopped by SIGINT or SIGTERM.
 */
export async function main(argv: string[], env: Record<string, string | undefined>, print: Print): Promise<void> {
  const { values } = parsed(() =>
    parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        'public-url': { type: 'string' },
        'raw-retention-days': { type: 'string' },
      },
      strict: true,
    }),
  );
  const config = parseServerConfig(env, {
    ...values,
    publicUrl: values['public-url'],
    rawRetentionDays: values['raw-retention-days'],
  });
  if (!config.success) throw new UsageError(`Invalid server settings: ${z.prettifyError(config.error)}`);
  const server = await startServer(config.data, print);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  print({ event: 'stopped' });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const line = (stream: NodeJS.WriteStream): Print => (object) => stream.write(`${JSON.stringify(object)}\n`);
  try {
    await main(process.argv.slice(2), process.env, line(process.stdout));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    line(process.stderr)({ error: error.message });
    process.exitCode = 2;
  }
}

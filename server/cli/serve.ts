import { main } from '../main';
import type { CommandContext } from './io';

/**
 * `serve [--port N] [--host H] [--db FILE] [--public-url URL] [--raw-retention-days N]`: the server, exactly as
 * `server/main.ts` runs it.
 */
export async function serve({ args, env, print }: CommandContext): Promise<void> {
  await main(args, env, print);
}

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyMessageWithSource } from '../../lib/bounces';
import { CommandError, dbOption, parsed, UsageError, type CommandContext } from './io';

/**
 * `classify FILE...`: what lib/bounces reads in raw messages, one line per file (to check a bounce before wiring a
 * mailbox to POST /v1/inbound/dsn). It takes `--db` like every command, so scripts can pass it alike, and reads none.
 */
export async function classify({ args, print }: CommandContext): Promise<void> {
  const { positionals } = parsed(() => parseArgs({ args, options: dbOption, strict: true, allowPositionals: true }));
  if (positionals.length === 0) throw new UsageError('classify takes one or more FILEs');
  for (const file of positionals) {
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(readFileSync(file));
    } catch (error) {
      throw new CommandError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    const { results } = await classifyMessageWithSource(raw);
    const bounces = results.map(({ recipient, reason, class: bounceClass, hard, status, replyCode, diagnostic }) => ({
      recipient,
      reason,
      class: bounceClass,
      hard,
      status,
      replyCode,
      diagnostic,
    }));
    print({ file, bounces });
  }
}

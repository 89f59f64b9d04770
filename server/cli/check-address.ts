import { parseArgs } from 'node:util';
import { checkAddress } from '../../lib/checks/checkAddress';
import { dbOption, parsed, UsageError, type CommandContext } from './io';

/**
 * `check-address ADDR...`: what the extension's malformed and typo checks make of each address, one line each:
 * `{"input","address","valid","problems":[...],"suggestion"}`. Takes `--db` like every command and reads none.
 */
export function checkAddresses({ args, print }: CommandContext): void {
  const { positionals } = parsed(() => parseArgs({ args, options: dbOption, strict: true, allowPositionals: true }));
  if (positionals.length === 0) throw new UsageError('check-address takes one or more addresses');
  for (const input of positionals) print({ ...checkAddress(input) });
}

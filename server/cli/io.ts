import { DEFAULT_DB } from '../config';

/** A mistake in how a command was called: printed as `{"error": …}` with exit code 2. */
export class UsageError extends Error {}

/** Something the command could not do with valid arguments (an unknown org, a bad file): exit code 1. */
export class CommandError extends Error {}

export type Print = (line: Record<string, unknown>) => void;

export interface CommandContext {
  args: string[];
  env: Record<string, string | undefined>;
  print: Print;
}

export type Command = (context: CommandContext) => Promise<void> | void;

/** Every command's `--db FILE`. */
export const dbOption = { db: { type: 'string' } } as const;

export const dbFile = (db: string | undefined, env: Record<string, string | undefined>): string =>
  db ?? env.BOUNCE_GUARD_DB ?? DEFAULT_DB;

/** Runs node:util parseArgs, turning its complaints into a UsageError. */
export function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

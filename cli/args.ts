/**
 * Argument parsing shared by the commands: node:util parseArgs, with its errors turned into usage
 * errors that name the option and exit with status 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit statuses of every command. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Invalid command-line input: the message names the option or argument at fault. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string | null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Output streams and environment of one run, replaced in tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** The full text of `khidmat <name> --help`. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments. `--help` is accepted by every command; a parse error becomes a
 * UsageError that keeps Node's message, which names the option.
 */
export function parseCommandArgs<T extends Options>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS_')) {
      throw new UsageError((error as Error).message, command);
    }
    throw error;
  }
}

/** Returns a string option's value, or raises a UsageError naming it when it is missing. */
export function requireOption(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError(`Option '--${name}' is required.`, command);
  }
  return value;
}

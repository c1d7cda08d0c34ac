import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes: the contract CI scripts rely on. */
export const EXIT = { ok: 0, failOn: 1, usage: 2, pageErrors: 3 } as const;

/** Where a command prints: the console, or a capture in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const CONSOLE_IO: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's arguments (strict, positionals allowed), or null after printing why they
 * cannot be read: `<command>: <reason>` and, when given, the usage text.
 */
export function parseCommandArgs<const O extends CommandOptions>(command: string, argv: readonly string[], options: O, io: CliIo, usage?: string) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (err) {
    io.err(`${command}: ${(err as Error).message}${usage ? `\n\n${usage}` : ''}`);
    return null;
  }
}

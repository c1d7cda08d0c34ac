/** Exit codes: the contract CI scripts rely on. */
export const EXIT = { ok: 0, failOn: 1, usage: 2, pageErrors: 3 } as const;

/** Where a command prints: the console, or a capture in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const CONSOLE_IO: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

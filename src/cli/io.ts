// What every command gets from the entry point, so tests can run commands in-process.
export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Set only when stderr is a terminal: lets a command redraw one progress line in place. */
  errTerminal?: { write: (text: string) => void; columns: number };
}

/** Wrong words on the command line: the entry point prints the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export const processIo = (): CliIo => ({
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  errTerminal: process.stderr.isTTY ? { write: (text) => process.stderr.write(text), columns: process.stderr.columns || 80 } : undefined,
});

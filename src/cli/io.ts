// What every command gets from the entry point, so tests can run commands in-process.
export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Set only when stderr is a terminal: lets a command redraw one progress line in place. */
  errTerminal?: { write: (text: string) => void; columns: number };
  /** Standard input, for secrets that must never be command-line arguments (sfd user …). */
  stdin?: CliStdin;
}

export interface CliStdin {
  isTTY: boolean;
  /** Everything piped in, up to end of input. */
  readAll(): Promise<string>;
  /** Asks on the terminal without echoing what is typed. */
  askHidden(question: string): Promise<string>;
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
  stdin: processStdin,
});

const processStdin: CliStdin = {
  get isTTY() {
    return process.stdin.isTTY === true;
  },
  async readAll() {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
  askHidden,
};

/** Reads one line from the terminal in raw mode, echoing nothing, so no one reads a password over a shoulder. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(question);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let answer = '';
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    input.on('data', onData);
  });
}

import { ConfigError } from '../config.js';
import { type CliIo, processIo, UsageError } from './io.js';

export interface Command {
  run(args: string[], io: CliIo): Promise<number>;
}

// Commands load lazily so `sfd migrate` never pays for Fastify and `sfd --help` for nothing.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'run the dashboard (applies pending migrations first)', load: () => import('./serve.js') },
  poll: { summary: 'poll every enabled system once and print a summary: --once [--json]', load: () => import('./poll.js') },
  demo: { summary: 'simulated fleet + poller + dashboard in one process, on a fresh local SQLite file', load: () => import('./demo.js') },
  migrate: { summary: 'apply, revert or list database migrations: up | down | status', load: () => import('./migrate.js') },
  config: { summary: 'print the effective configuration (secrets masked)', load: () => import('./config.js') },
  simulate: { summary: 'serve simulated storage systems and write their fleet file (no database)', load: () => import('./simulate.js') },
  systems: { summary: 'import a fleet file (add, change, remove systems) or list the configured systems', load: () => import('./systems.js') },
  'copy-db': { summary: 'copy every table between databases (SQLite ↔ PostgreSQL), then verify counts and checksums', load: () => import('./copy-db.js') },
  user: { summary: 'add, list, disable users or set a password: add NAME --role admin|viewer | list | passwd NAME | disable NAME', load: () => import('./user.js') },
  token: { summary: 'API tokens for automation: create --name NAME --role viewer|admin | list | revoke NAME', load: () => import('./token.js') },
  secrets: { summary: 'rotate: re-encrypt stored credentials under a new key', load: () => import('./secrets.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: sfd <command> [options]', '', 'commands:', ...lines, '', 'Run `sfd <command> --help` for its options.'].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`sfd: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (err) {
    return report(err, name, io);
  }
}

function report(err: unknown, name: string, io: CliIo): number {
  if (err instanceof UsageError) {
    io.err(`sfd ${name}: ${err.message}\n\n${err.usage}`);
    return 2;
  }
  if (err instanceof ConfigError) {
    io.err(`sfd: the configuration has ${err.problems.length === 1 ? 'a problem' : `${err.problems.length} problems`}:`);
    for (const problem of err.problems) io.err(`  ${problem}`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.err(`sfd ${name}: ${message}`);
  if (io.env.SFD_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
  return 1;
}

import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrateDown, migrateToLatest, migrationStatus } from '../db/migrate.js';
import { parseCommandArgs, parseWholeNumber } from './args.js';
import { type CliIo, UsageError } from './io.js';

const usage = `usage: sfd migrate [up|down|status] [options]

  up               apply every pending migration (the default)
  down             revert the most recent migration
  status           list every migration and whether it is applied

options:
  --steps N        with down: revert N migrations (default 1)
  --json           with status: print JSON
  -h, --help       show this help

The database is DATABASE_URL (postgres://…, sqlite:<path> or sqlite::memory:).`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { steps: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [action = 'up', ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, usage);
  if (!['up', 'down', 'status'].includes(action)) throw new UsageError(`unknown action "${action}"`, usage);
  const steps = parseWholeNumber('steps', values.steps, usage, 1) ?? 1;
  if (values.steps !== undefined && action !== 'down') throw new UsageError('--steps goes with down', usage);

  const config = loadConfig(io.env, { cwd: io.cwd });
  const handle = openDatabase(config.database, { poolSize: 1, onPoolError: () => {} });
  try {
    if (action === 'up') {
      const applied = await migrateToLatest(handle.db);
      io.out(applied.length === 0 ? `${handle.display}: already up to date` : `${handle.display}: applied ${applied.join(', ')}`);
    } else if (action === 'down') {
      const reverted = await migrateDown(handle.db, steps);
      io.out(reverted.length === 0 ? `${handle.display}: nothing to revert` : `${handle.display}: reverted ${reverted.join(', ')}`);
    } else {
      printStatus(await migrationStatus(handle.db), handle.display, values.json === true, io);
    }
    return 0;
  } finally {
    await handle.close();
  }
}

function printStatus(states: Awaited<ReturnType<typeof migrationStatus>>, display: string, json: boolean, io: CliIo) {
  const pending = states.filter((s) => s.appliedAt === null).length;
  if (json) {
    io.out(JSON.stringify({ database: display, pending, migrations: states.map((s) => ({ name: s.name, appliedAt: s.appliedAt?.toISOString() ?? null })) }));
    return;
  }
  io.out(`database: ${display}`);
  for (const s of states) {
    io.out(`  ${s.appliedAt ? `applied ${s.appliedAt.toISOString()}` : 'pending'.padEnd(32)}  ${s.name}`);
  }
  io.out(`${states.length} migrations: ${states.length - pending} applied, ${pending} pending`);
}

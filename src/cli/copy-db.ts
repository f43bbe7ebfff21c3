import { existsSync } from 'node:fs';
import { type DatabaseHandle, openDatabase } from '../db/connect.js';
import { copyDatabase } from '../db/copy/copy-database.js';
import { type DatabaseTarget, DatabaseUrlError, parseDatabaseUrl } from '../db/target.js';
import { parseCommandArgs, parseWholeNumber } from './args.js';
import { type CliIo, UsageError } from './io.js';
import { createProgress } from './progress.js';

const usage = `usage: sfd copy-db --from URL --to URL [options]

Copies every table from one database to another (SQLite ↔ PostgreSQL, or the same engine),
then checks row counts and a checksum of every table.

  --from URL        source: postgres://user:password@host:5432/db or sqlite:<path>
  --to URL          target; migrated to the latest schema first
  --force           replace a target that already holds data
  --batch-size N    rows per read and insert batch (default 1000)
  --json            print the result as JSON
  -h, --help        show this help

The target is filled in one transaction: if anything fails, including the final verification,
it is left as it was. Stop every sfd process writing to the source before copying.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      force: { type: 'boolean' },
      'batch-size': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  if (values.from === undefined || values.to === undefined) throw new UsageError('both --from and --to are required', usage);
  const batchSize = parseWholeNumber('batch-size', values['batch-size'], usage, 1) ?? 1000;
  const from = parseTarget('--from', values.from, io.cwd);
  const to = parseTarget('--to', values.to, io.cwd);
  if (from.kind === 'sqlite' && from.file !== ':memory:' && !existsSync(from.file)) {
    throw new UsageError(`--from names ${from.display}, which does not exist`, usage);
  }
  if (from.display === to.display && from.display !== 'sqlite::memory:') throw new UsageError('--from and --to name the same database', usage);

  const progress = createProgress(io, 'copy-db');
  const quiet = () => {};
  const source = openDatabase(from, { poolSize: 2, onPoolError: quiet });
  let target: DatabaseHandle | undefined;
  try {
    target = openDatabase(to, { poolSize: 2, onPoolError: quiet });
    io.err(`copy-db: ${source.display} → ${target.display}`);
    const tables = await copyDatabase(source, target, { force: values.force === true, batchSize, onProgress: progress.update });
    progress.finish();
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    if (values.json) {
      io.out(JSON.stringify({ from: source.display, to: target.display, verified: true, rows, tables }));
    } else {
      const width = Math.max(...tables.map((t) => t.table.length));
      for (const t of tables) io.out(`${t.table.padEnd(width)}  ${String(t.rows).padStart(9)} rows  checksum ${t.checksum}`);
      io.out(`copied ${tables.length} tables, ${rows} rows; row counts and checksums match`);
    }
    return 0;
  } finally {
    progress.finish();
    await source.close();
    await target?.close();
  }
}

/** Like DATABASE_URL, but named after its option; the message never repeats a password. */
function parseTarget(option: string, raw: string, cwd: string): DatabaseTarget {
  try {
    return parseDatabaseUrl(raw, cwd);
  } catch (err) {
    if (err instanceof DatabaseUrlError) throw new UsageError(`${option} ${err.message}`, usage);
    throw err;
  }
}

import { loadConfig } from '../config.js';
import { listSystems } from '../db/repositories/systems.js';
import { baseUrlOf } from '../poller/targets.js';
import { FleetFileError, importFleet, loadFleetFile } from '../poller/fleet-import.js';
import { parseCommandArgs } from './args.js';
import { describePlan, systemJson } from './fleet-report.js';
import { type CliIo, UsageError } from './io.js';
import { openMigratedDatabase, requireSecretBox } from './system-store.js';
import { formatTable } from './table.js';

const usage = `usage: sfd systems <import|list> [options]

  import FILE      make the configured systems match FILE (YAML, or JSON for *.json):
                   systems in FILE are added or changed, systems not in FILE are removed
  list             list the configured systems (credentials are never shown)

options:
  --dry-run        with import: print what would be added, changed and removed; write nothing
  --json           with list: print JSON
  -h, --help       show this help

import needs SECRET_KEY (or SECRET_KEY_FILE): credentials are stored encrypted with it.
Credential values may be env:NAME or file:PATH references, resolved when importing.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [action, ...rest] = positionals;
  if (action === 'import') {
    const [file, ...extra] = rest;
    if (file === undefined) throw new UsageError('import needs the fleet file to read', usage);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, usage);
    if (values.json) throw new UsageError('--json goes with list', usage);
    return importCommand(file, values['dry-run'] === true, io);
  }
  if (action === 'list') {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`, usage);
    if (values['dry-run']) throw new UsageError('--dry-run goes with import', usage);
    return listCommand(values.json === true, io);
  }
  throw new UsageError(action === undefined ? 'say import or list' : `unknown action "${action}"`, usage);
}

async function importCommand(file: string, dryRun: boolean, io: CliIo): Promise<number> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const box = requireSecretBox(config, 'systems import', 'encrypt the credentials it stores');
  let fleet: ReturnType<typeof loadFleetFile>;
  try {
    // The file is checked completely before the database is opened: a typo costs no connection.
    fleet = loadFleetFile(file, { env: io.env, cwd: io.cwd });
  } catch (err) {
    if (!(err instanceof FleetFileError)) throw err;
    io.err(`sfd systems import: ${file} has ${err.problems.length === 1 ? 'a problem' : `${err.problems.length} problems`}; nothing was imported:`);
    for (const problem of err.problems) io.err(`  ${problem}`);
    return 1;
  }
  const handle = await openMigratedDatabase(config);
  try {
    const plan = await importFleet(handle.db, fleet, box, { dryRun });
    for (const line of describePlan(plan, file, dryRun)) io.out(line);
    return 0;
  } finally {
    await handle.close();
  }
}

async function listCommand(json: boolean, io: CliIo): Promise<number> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const handle = await openMigratedDatabase(config);
  try {
    const systems = await listSystems(handle.db);
    if (json) {
      io.out(JSON.stringify({ systems: systems.map(systemJson) }));
      return 0;
    }
    if (systems.length === 0) {
      io.out('no systems configured; add some with `sfd systems import <fleet.yaml>` (see README, "Adding systems")');
      return 0;
    }
    const rows = systems.map((s) => [s.name, s.vendor, baseUrlOf(s), s.enabled ? 'yes' : 'no', s.tls.mode, '(set)', s.tags.join(',')]);
    for (const line of formatTable(['NAME', 'VENDOR', 'BASE URL', 'ENABLED', 'TLS', 'CREDENTIALS', 'TAGS'], rows)) io.out(line);
    return 0;
  } finally {
    await handle.close();
  }
}

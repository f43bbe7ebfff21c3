import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { writeSettings } from '../db/repositories/settings.js';
import { backfillDemoHistory } from './demo-history.js';
import { parseDatabaseUrl } from '../db/target.js';
import { createSecretBox } from '../lib/secret-box.js';
import { importFleet } from '../poller/fleet-import.js';
import { validateFleet } from '../poller/fleet-validate.js';
import { buildSimulator } from '../simulator/app.js';
import { fleetFileOf } from '../simulator/fleet-file.js';
import { parseCommandArgs, parseWholeNumber } from './args.js';
import { ensureFirstAdmin, FIRST_ADMIN, resolveSessionSecret } from './auth-setup.js';
import { buildDashboard, shutdownGraceMs } from './dashboard-setup.js';
import { openAndWait } from './database.js';
import { type CliIo, UsageError } from './io.js';
import { createProcessLogger } from './logger.js';
import { createConfiguredLogWriter } from './poller-setup.js';
import { startPoller } from './run-poller.js';

const usage = `usage: sfd demo [options]

Runs a simulated fleet, the poller and the dashboard in one process, on a fresh SQLite file
./data/demo.db (deleted and recreated at every start). Nothing to configure.

options:
  --systems N   simulated systems (default 24, the four vendors in turn)
  --port PORT   dashboard port (default 8080; 0 picks a free one)
  -h, --help    show this help`;

const demoFile = 'data/demo.db';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { systems: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  const systems = parseWholeNumber('systems', values.systems, usage, 1) ?? 24;
  const port = parseWholeNumber('port', values.port, usage) ?? 8080;
  if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`, usage);

  // The demo owns its database and key: DATABASE_URL is ignored, so a demo never touches real data.
  const base = loadConfig(io.env, { cwd: io.cwd });
  const file = path.resolve(io.cwd, demoFile);
  // A key only for this run: it seals the simulated credentials in the demo file and dies with it.
  const secretKey = base.secretKey ?? randomBytes(32).toString('hex');
  // A random admin password unless ADMIN_PASSWORD chooses one (e2e tests do): printed at start.
  const adminPassword = base.adminPassword ?? randomBytes(12).toString('base64url');
  const config = { ...base, database: parseDatabaseUrl(`sqlite:${file}`, io.cwd), secretKey };
  // The demo talks to people on stdout; its process log only speaks up for problems unless asked.
  const log = createProcessLogger(io.env.PROCESS_LOG_LEVEL ? config : { processLogLevel: 'warn' });

  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const sim = await buildSimulator({ systems, seed: 1, scenario: 'steady', tls: 'self-signed', control: true });
  const undo: (() => Promise<unknown>)[] = [() => sim.close()];
  let address: string;
  let simOrigin: string;
  try {
    simOrigin = await sim.listen(0, '127.0.0.1');
    const handle = await openAndWait(config, log);
    undo.unshift(() => handle.close());
    await migrateToLatest(handle.db);
    const box = createSecretBox(secretKey);
    const { systems: fleet, problems } = validateFleet(fleetFileOf(sim), 'demo fleet', { env: {}, readFile: () => '', baseDir: io.cwd });
    if (problems.length > 0) throw new Error(`the simulator's fleet does not validate: ${problems.join('; ')}`);
    await importFleet(handle.db, fleet, box, { dryRun: false });
    await backfillDemoHistory(handle, sim.specs, Date.now());
    // A demo should show changes at once: the fleet page refreshes every 5 s instead of 30.
    await writeSettings(handle.db, { refreshSeconds: 5 }, 'demo');
    // The demo database is fresh, so this always creates the admin whose password is printed below.
    await ensureFirstAdmin(handle, { adminPassword }, log);
    const sessionSecret = await resolveSessionSecret(handle, { secretKey }, log);

    const writer = createConfiguredLogWriter(config, handle, log);
    undo.unshift(() => writer.close(1000));
    const { app, fleet: snapshot } = await buildDashboard({ config, handle, box, writer, log, sessionSecret });
    address = await app.listen({ host: config.host, port });
    // No start jitter: there are no replicas to spread, and the fleet should be live at once.
    const poller = startPoller({ config, handle, box, writer, log, startJitterMs: 0, onCycle: () => snapshot.refresh() });
    undo.unshift(() => poller.stop(), () => app.close());
  } catch (err) {
    // A port in use or a broken setup: close what is open, or the process would never exit.
    for (const step of undo) await step().catch(() => {});
    throw err;
  }
  const closing = new Promise<void>((resolve) => {
    closeWithGrace({ delay: shutdownGraceMs(config) }, async ({ signal, err }) => {
      if (err) io.err(`sfd demo: stopping after an unexpected error: ${err instanceof Error ? err.message : String(err)}`);
      else io.out(`${signal}: stopping the demo`);
      // In order: the poller (while the simulated arrays still answer its logouts) and the web
      // server, then the log writer drains, the database closes, and the simulator goes last.
      for (const step of undo) await step();
      resolve();
    });
  });

  io.out(`demo: ${systems} simulated systems (pure, ontap, storagegrid, datadomain) polled every ${config.pollIntervalSeconds} s`);
  io.out(`  database: ${file} (fresh at every start)`);
  io.out(`  simulator: ${simOrigin} (make a system fail: POST ${simOrigin}/_sim/systems/<id>/faults {"errorRate":1})`);
  io.out(`  dashboard: ${address}`);
  io.out(`  sign in as: ${FIRST_ADMIN} / ${base.adminPassword === null ? adminPassword : '(the ADMIN_PASSWORD you set)'}`);
  io.out('  Stop with Ctrl-C.');
  await closing;
  return 0;
}

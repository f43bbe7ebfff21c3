import closeWithGrace from 'close-with-grace';
import { type Config, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import { listSystems } from '../db/repositories/systems.js';
import type { SecretBox } from '../lib/secret-box.js';
import { parseCommandArgs, parseWholeNumber } from './args.js';
import { ensureFirstAdmin, resolveSessionSecret } from './auth-setup.js';
import { buildDashboard, shutdownGraceMs } from './dashboard-setup.js';
import { openAndWait, prepareSchema } from './database.js';
import { type CliIo, UsageError } from './io.js';
import { createProcessLogger } from './logger.js';
import { createConfiguredLogWriter, howToAddSystems } from './poller-setup.js';
import { type RunningPoller, startPoller } from './run-poller.js';
import { requireSecretBox } from './system-store.js';

const roles = ['all', 'web', 'poller'] as const;
type Role = (typeof roles)[number];

const usage = `usage: sfd serve [options]

options:
  --role ROLE      all (default): dashboard and poller; web: dashboard only;
                   poller: poller only (still answers /healthz and /readyz)
  --host HOST      address to listen on (default HOST or 127.0.0.1)
  --port PORT      port to listen on (default PORT or 8080)
  --no-migrate     do not apply pending migrations at start (also MIGRATE_ON_START=false)
  -h, --help       show this help

The poller needs SECRET_KEY (or SECRET_KEY_FILE) to open the stored credentials.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { role: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' }, 'no-migrate': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  const role = (values.role ?? 'all') as Role;
  if (!roles.includes(role)) throw new UsageError(`--role must be one of ${roles.join(', ')}, not "${values.role}"`, usage);
  const config = loadConfig(io.env, { cwd: io.cwd });
  const port = parseWholeNumber('port', values.port, usage) ?? config.port;
  const host = values.host ?? config.host;
  const log = createProcessLogger(config);

  const handle = await openAndWait(config, log);
  let box: SecretBox | null;
  let sessionSecret: string | undefined;
  try {
    await prepareSchema(handle, config.migrateOnStart && !values['no-migrate'], log);
    box = role === 'web' ? null : await pollerKey(config, handle, role);
    if (role !== 'poller') {
      await ensureFirstAdmin(handle, config, log);
      sessionSecret = await resolveSessionSecret(handle, config, log);
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  const writer = createConfiguredLogWriter(config, handle, log);
  const { app, fleet } = await buildDashboard({ config, handle, box, writer, log, healthOnly: role === 'poller', production: true, sessionSecret });
  let poller: RunningPoller | null = null;
  let refreshTimer: NodeJS.Timeout | null = null;

  // Stop taking requests and polling (the cycle in flight ends first, then every array session is
  // logged out and the leases given back), write every queued log entry, then close the database:
  // in that order, so nothing that was accepted is lost. A poll in flight may need its whole deadline.
  const closing = new Promise<void>((resolve) => {
    closeWithGrace({ delay: shutdownGraceMs(config), logger: { error: (m: unknown) => log.error(m) } }, async ({ signal, err }) => {
      if (err) log.error({ err }, 'shutting down after an unexpected error');
      else log.info({ signal }, 'shutting down');
      if (refreshTimer) clearInterval(refreshTimer);
      await Promise.all([app.close(), poller?.stop()]);
      await writer.close(10_000);
      await handle.close();
      log.info(writer.stats(), 'stopped');
      resolve();
    });
  });

  let address: string;
  try {
    address = await app.listen({ host, port });
  } catch (err) {
    // A port in use: nothing was accepted yet, but the database and writer must still close.
    await writer.close(1000);
    await handle.close();
    throw err;
  }
  const systems = (await listSystems(handle.db)).length;
  if (systems === 0) log.warn(howToAddSystems);
  if (box !== null) poller = startPoller({ config, handle, box, writer, log, onCycle: () => fleet.refresh() });
  else {
    if (role !== 'web') log.warn('the poller is off: SECRET_KEY is not set (set it, then restart, to poll imported systems)');
    // No poller in this process (a web replica): other processes poll, so re-read the fleet on a
    // timer instead of after each own cycle. A fraction of the interval keeps pages at most that
    // far behind the database.
    const everyMs = Math.min(15_000, (config.pollIntervalSeconds * 1000) / 4);
    refreshTimer = setInterval(() => void fleet.refresh().catch((err) => log.warn({ err }, 'could not re-read the fleet')), everyMs);
    refreshTimer.unref();
  }
  log.info({ address, role, systems, database: handle.display }, 'listening');
  await closing;
  return 0;
}

/**
 * The key the poller opens credentials with. `--role poller` cannot work without it; `all` with no
 * systems yet still serves the dashboard (and says what is missing), so a fresh install starts.
 */
async function pollerKey(config: Config, handle: DatabaseHandle, role: Role): Promise<SecretBox | null> {
  if (config.secretKey === null && role === 'all' && (await listSystems(handle.db)).length === 0) return null;
  return requireSecretBox(config, `serve --role ${role}`, 'open the credentials of the systems it polls');
}

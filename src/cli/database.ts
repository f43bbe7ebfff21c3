import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connect.js';
import { describeDbError } from '../db/errors.js';
import { migrateToLatest, pendingMigrations } from '../db/migrate.js';
import { sleep } from '../lib/sleep.js';

/**
 * Opens the configured database and waits for it to answer: in docker-compose the app may start
 * before PostgreSQL accepts connections, and crashing in a loop helps nobody.
 */
export async function openAndWait(config: Config, log: Logger, waitMs = 60_000): Promise<DatabaseHandle> {
  const handle = openDatabase(config.database, {
    poolSize: config.pgPoolSize,
    onPoolError: (err) => log.warn({ err: describeDbError(err) }, 'database connection lost; the pool reconnects on the next query'),
  });
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await handle.ping(5000);
      if (attempt > 1) log.info({ database: handle.display, attempt }, 'database answers');
      return handle;
    } catch (err) {
      if (Date.now() >= deadline) {
        await handle.close().catch(() => {});
        throw new Error(`database ${handle.display} did not answer within ${Math.round(waitMs / 1000)} s: ${describeDbError(err)}`);
      }
      log.warn({ database: handle.display, attempt, err: describeDbError(err) }, 'database not answering yet; retrying');
      await sleep(Math.min(1000 * attempt, 5000));
    }
  }
}

/** Applies pending migrations, or, when that is switched off, says that the app is not ready. */
export async function prepareSchema(handle: DatabaseHandle, migrate: boolean, log: Logger): Promise<void> {
  if (migrate) {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    return;
  }
  const pending = await pendingMigrations(handle.db);
  if (pending.length > 0) {
    log.warn({ pending }, 'migrations are pending and MIGRATE_ON_START is off: /readyz stays 503 until `sfd migrate up` runs');
  }
}

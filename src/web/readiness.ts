import type { DatabaseHandle } from '../db/connect.js';
import { pendingMigrations } from '../db/migrate.js';

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; pending?: string[]; error?: string };
  };
}

/**
 * Ready means: the database answers, and its schema is the one this code expects. A replica with
 * pending migrations must not take traffic, or it would read tables that are not there yet.
 */
export async function checkReadiness(handle: DatabaseHandle, timeoutMs = 2000): Promise<Readiness> {
  try {
    await handle.ping(timeoutMs);
  } catch (err) {
    return {
      ready: false,
      checks: { database: { ok: false, error: errorText(err) }, migrations: { ok: false, error: 'not checked: database unavailable' } },
    };
  }
  try {
    const pending = await pendingMigrations(handle.db);
    return { ready: pending.length === 0, checks: { database: { ok: true }, migrations: { ok: pending.length === 0, pending } } };
  } catch (err) {
    return { ready: false, checks: { database: { ok: true }, migrations: { ok: false, error: errorText(err) } } };
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

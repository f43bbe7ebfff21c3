import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Settings an admin changes in the dashboard, stored as one row per key (JSON values). Missing keys
 * fall back to the defaults here; environment config (POLL_INTERVAL_SECONDS …) is the default for
 * the ones it also names, passed in by the caller.
 */
export interface DashboardSettings {
  /** Capacity bar turns warning at this percent used. */
  capacityWarnPercent: number;
  /** Capacity bar turns critical at this percent used. */
  capacityCritPercent: number;
  /** How often an open fleet page refreshes its fragment. */
  refreshSeconds: number;
  pollIntervalSeconds: number;
  logRetentionDays: number;
}

export const SETTING_LIMITS: Record<keyof DashboardSettings, { min: number; max: number }> = {
  capacityWarnPercent: { min: 1, max: 100 },
  capacityCritPercent: { min: 1, max: 100 },
  refreshSeconds: { min: 5, max: 3600 },
  pollIntervalSeconds: { min: 10, max: 86_400 },
  logRetentionDays: { min: 1, max: 3650 },
};

export function defaultSettings(base: Partial<DashboardSettings> = {}): DashboardSettings {
  return { capacityWarnPercent: 75, capacityCritPercent: 90, refreshSeconds: 30, pollIntervalSeconds: 60, logRetentionDays: 30, ...base };
}

export async function readSettings(db: Kysely<Database>, defaults: DashboardSettings): Promise<DashboardSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const settings = { ...defaults };
  for (const row of rows) {
    if (!(row.key in SETTING_LIMITS)) continue;
    const key = row.key as keyof DashboardSettings;
    const value = Number(JSON.parse(row.value));
    const { min, max } = SETTING_LIMITS[key];
    // A value outside its limits (edited by hand in the database) is ignored, not obeyed.
    if (Number.isFinite(value) && value >= min && value <= max) settings[key] = value;
  }
  return settings;
}

/** Validates every value first, then writes them all in one transaction; returns the problems, if any. */
export async function writeSettings(db: Kysely<Database>, patch: Partial<DashboardSettings>, by: string, at = Date.now()): Promise<string[]> {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const limits = SETTING_LIMITS[key as keyof DashboardSettings];
    if (!limits) problems.push(`unknown setting "${key}"`);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < limits.min || value > limits.max)
      problems.push(`${key} must be a whole number from ${limits.min} to ${limits.max}`);
  }
  const warn = patch.capacityWarnPercent;
  const crit = patch.capacityCritPercent;
  if (warn !== undefined && crit !== undefined && warn >= crit) problems.push('capacityWarnPercent must be below capacityCritPercent');
  if (problems.length > 0) return problems;
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(patch)) {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value), updated_at: at, updated_by: by })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at, updated_by: by }))
        .execute();
    }
  });
  return [];
}

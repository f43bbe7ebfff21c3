import type { Kysely } from 'kysely';
import { type DashboardSettings, readSettings } from '../db/repositories/settings.js';
import type { Database } from '../db/schema.js';

export interface SettingsCache {
  current(): DashboardSettings;
  /** After an admin saves settings, and at start. */
  refresh(): Promise<DashboardSettings>;
}

/** Settings held in memory: pages read thresholds on every render, the database only on change. */
export function createSettingsCache(db: Kysely<Database>, defaults: DashboardSettings): SettingsCache {
  let settings = defaults;
  return {
    current: () => settings,
    async refresh() {
      settings = await readSettings(db, defaults);
      return settings;
    },
  };
}

import type { DatabaseHandle } from '../db/connect.js';
import type { LogWriterStats } from '../system-log/types.js';
import type { WebActions } from './actions.js';
import type { FleetSnapshot } from './fleet-snapshot.js';
import type { WebOptions } from './options.js';
import type { SettingsCache } from './settings-cache.js';

/** Everything route plugins receive: built once by buildApp from AppDeps. */
export interface WebDeps {
  handle: DatabaseHandle;
  fleet: FleetSnapshot;
  options: WebOptions;
  /** Admin-editable settings (thresholds, refresh interval…), cached. */
  settings: SettingsCache;
  actions: WebActions;
  /** The log writer's counters, for /metrics; absent in a web-only process. */
  logWriterStats?: () => LogWriterStats;
}

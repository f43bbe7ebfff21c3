import { type DashboardSettings, SETTING_LIMITS } from '../../db/repositories/settings.js';

const FIELDS: { key: keyof DashboardSettings; label: string; unit: string; hint: string }[] = [
  { key: 'pollIntervalSeconds', label: 'Poll interval', unit: 'seconds', hint: 'How often each system is polled. The poller reads it at every cycle; each system moves to the new interval after its next poll.' },
  { key: 'logRetentionDays', label: 'System-log retention', unit: 'days', hint: 'System-log entries older than this are deleted by the next cleanup run (cleanups follow about one in ten log writes).' },
  { key: 'capacityWarnPercent', label: 'Capacity warning threshold', unit: '% used', hint: 'Capacity bars turn amber at this fill level.' },
  { key: 'capacityCritPercent', label: 'Capacity critical threshold', unit: '% used', hint: 'Capacity bars turn red at this fill level; must be above the warning threshold.' },
  { key: 'refreshSeconds', label: 'Page refresh', unit: 'seconds', hint: 'How often an open fleet page fetches fresh data.' },
];

/** The settings form: current (or just typed) values, each with its limits and any problem. */
export function presentSettings(values: DashboardSettings | Record<keyof DashboardSettings, string>, errors: Partial<Record<keyof DashboardSettings, string>>, saved: boolean) {
  return {
    saved,
    errorList: FIELDS.filter((f) => errors[f.key]).map((f) => ({ field: f.key, label: f.label, message: errors[f.key] })),
    fields: FIELDS.map((f) => ({ ...f, ...SETTING_LIMITS[f.key], value: String(values[f.key]), error: errors[f.key] ?? null })),
  };
}

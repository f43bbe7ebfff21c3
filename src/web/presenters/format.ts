/**
 * How the pages write numbers and times. Sizes use binary units (1 TiB = 1024⁴ bytes) and say so with
 * IEC names, because arrays report powers of two and "TB" would be 10 % off at that scale.
 */

export const BYTE_UNITS_NOTE = 'Sizes in binary units: 1 TiB = 1024⁴ bytes.';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;

/** "12.3 TiB"; three significant digits are plenty on a dashboard. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${UNITS[unit]}`;
}

export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  return `${percent >= 10 || percent === 0 ? Math.round(percent) : percent.toFixed(1)} %`;
}

const STEPS: readonly [number, string][] = [
  [60_000, 's'],
  [3_600_000, 'min'],
  [86_400_000, 'h'],
  [Number.POSITIVE_INFINITY, 'd'],
];
const SIZE: Record<string, number> = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** "3 min ago", "just now", "in 2 h" (clock skew); "never" for a missing time. */
export function formatAge(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined || !Number.isFinite(at)) return 'never';
  const diff = now - at;
  const abs = Math.abs(diff);
  if (abs < 10_000) return 'just now';
  const [, unit] = STEPS.find(([limit]) => abs < limit) ?? [0, 'd'];
  const n = Math.floor(abs / (SIZE[unit] ?? 1));
  return diff >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
}

/** ISO 8601 for `<time datetime>`; empty for a missing time. */
export function isoTime(at: number | null | undefined): string {
  return at === null || at === undefined || !Number.isFinite(at) ? '' : new Date(at).toISOString();
}

/** "2026-11-01 14:03 UTC": absolute times are UTC so that every operator reads the same words. */
export function formatTime(at: number | null | undefined): string {
  if (at === null || at === undefined || !Number.isFinite(at)) return '—';
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Days for a forecast: "in 42 days", "now" for 0, "—" when unknown. */
export function formatDays(days: number | null): string {
  if (days === null || !Number.isFinite(days)) return '—';
  if (days <= 0) return 'now';
  if (days < 1) return 'within a day';
  const n = Math.round(days);
  return `in ${n} day${n === 1 ? '' : 's'}`;
}

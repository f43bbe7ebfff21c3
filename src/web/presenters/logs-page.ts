import type { LogCursor, LogFilter, StoredLogEntry } from '../../db/repositories/logs.js';
import { logCategories, logLevels } from '../../system-log/types.js';
import type { CsvValue } from '../csv.js';
import { queryString, toDateTimeLocal } from '../filter-params.js';
import { formatLogCursor } from '../log-cursor.js';
import type { FleetSystem } from '../fleet-snapshot.js';
import { formatTime, isoTime } from './format.js';

export interface LogsPageInput {
  filter: LogFilter;
  before: LogCursor | undefined;
  limit: number;
  /** Up to limit + 1 entries: one more than shown says there is an older page. */
  entries: StoredLogEntry[];
  systems: readonly FleetSystem[];
}

/** Names from the in-memory fleet; an entry of a deleted system keeps its id. */
export function systemNamer(systems: readonly FleetSystem[]): (id: number | null) => string {
  const names = new Map(systems.map((s) => [s.id, s.name]));
  return (id) => (id === null ? '' : (names.get(id) ?? `#${id}`));
}

export function filterQuery(filter: LogFilter) {
  return {
    system: filter.systemId,
    level: filter.level,
    category: filter.category,
    from: filter.from === undefined ? undefined : toDateTimeLocal(filter.from),
    to: filter.to === undefined ? undefined : toDateTimeLocal(filter.to),
  };
}

export function presentLogsPage(input: LogsPageInput) {
  const { filter } = input;
  const nameOf = systemNamer(input.systems);
  const more = input.entries.length > input.limit;
  const entries = input.entries.slice(0, input.limit);
  const last = entries[entries.length - 1];
  const keep = filterQuery(filter);
  return {
    filters: { system: filter.systemId ?? '', level: filter.level ?? '', category: filter.category ?? '', from: keep.from ?? '', to: keep.to ?? '' },
    levels: logLevels,
    categories: logCategories,
    systems: [...input.systems].sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ id: s.id, name: s.name })),
    rows: entries.map((e) => ({
      id: e.id,
      at: formatTime(e.at),
      atIso: isoTime(e.at),
      level: e.level,
      category: e.category,
      systemId: e.systemId,
      system: nameOf(e.systemId),
      message: e.message,
      httpStatus: e.httpStatus,
      endpoint: e.endpoint,
      details: e.details,
    })),
    nextHref: more && last ? `/logs${queryString({ ...keep, before: formatLogCursor(last) })}` : null,
    newestHref: input.before !== undefined ? `/logs${queryString(keep)}` : null,
    csvHref: `/logs.csv${queryString(keep)}`,
  };
}

export const LOGS_CSV_HEADER = ['id', 'time_utc', 'system', 'system_id', 'level', 'category', 'message', 'http_status', 'endpoint', 'details'];

export function logCsvRow(entry: StoredLogEntry, nameOf: (id: number | null) => string): CsvValue[] {
  return [
    entry.id,
    new Date(entry.at).toISOString(),
    nameOf(entry.systemId),
    entry.systemId,
    entry.level,
    entry.category,
    entry.message,
    entry.httpStatus,
    entry.endpoint,
    entry.details,
  ];
}

import type { Kysely } from 'kysely';
import type { Database, SystemLogRow } from '../schema.js';

/** One system-log entry as the logs page and its CSV export read it. */
export interface StoredLogEntry {
  id: number;
  systemId: number | null;
  at: number;
  level: string;
  category: string;
  message: string;
  /** JSON text as written by the log writer; shown as is, never parsed for display. */
  details: string | null;
  httpStatus: number | null;
  endpoint: string | null;
}

export interface LogFilter {
  systemId?: number;
  level?: string;
  category?: string;
  /** Inclusive lower bound, epoch ms. */
  from?: number;
  /** Exclusive upper bound, epoch ms. */
  to?: number;
}

export function rowToLogEntry(row: SystemLogRow): StoredLogEntry {
  return {
    id: Number(row.id),
    systemId: row.system_id,
    at: row.created_at,
    level: row.level,
    category: row.category,
    message: row.message,
    details: row.details,
    httpStatus: row.http_status,
    endpoint: row.endpoint,
  };
}

/** The last entry of a page; the next page continues below it. */
export interface LogCursor {
  at: number;
  id: number;
}

/**
 * Newest first by (created_at, id), `limit` entries below `before` (keyset paging: page N costs the
 * same as page 1, and entries written meanwhile do not shift the pages). Ids alone are not in time
 * order: each writer takes ids from its own reserved block. The time range uses the
 * (system_id, created_at) and (created_at) indexes.
 */
export async function listLogs(db: Kysely<Database>, filter: LogFilter, page: { limit: number; before?: LogCursor }): Promise<StoredLogEntry[]> {
  let query = db.selectFrom('system_logs').selectAll();
  if (filter.systemId !== undefined) query = query.where('system_id', '=', filter.systemId);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  const before = page.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(rowToLogEntry);
}

/** Every matching entry, newest first, read in keyset batches so an export never holds them all. */
export async function* iterateLogs(db: Kysely<Database>, filter: LogFilter, batchSize = 1000): AsyncGenerator<StoredLogEntry> {
  let before: LogCursor | undefined;
  for (;;) {
    const batch = await listLogs(db, filter, before === undefined ? { limit: batchSize } : { limit: batchSize, before });
    yield* batch;
    const last = batch[batch.length - 1];
    if (batch.length < batchSize || !last) return;
    before = { at: last.at, id: last.id };
  }
}

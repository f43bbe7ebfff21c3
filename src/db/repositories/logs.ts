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

/**
 * Newest first by id, `limit` entries below `before` (keyset paging: page N costs the same as page
 * 1, and entries written meanwhile do not shift the pages). The time range uses the
 * (system_id, created_at) and (created_at) indexes.
 */
export async function listLogs(db: Kysely<Database>, filter: LogFilter, page: { limit: number; before?: number }): Promise<StoredLogEntry[]> {
  let query = db.selectFrom('system_logs').selectAll();
  if (filter.systemId !== undefined) query = query.where('system_id', '=', filter.systemId);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  if (page.before !== undefined) query = query.where('id', '<', page.before);
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(rowToLogEntry);
}

/** Every matching entry, newest first, read in keyset batches so an export never holds them all. */
export async function* iterateLogs(db: Kysely<Database>, filter: LogFilter, batchSize = 1000): AsyncGenerator<StoredLogEntry> {
  let before: number | undefined;
  for (;;) {
    const batch = await listLogs(db, filter, before === undefined ? { limit: batchSize } : { limit: batchSize, before });
    yield* batch;
    if (batch.length < batchSize) return;
    before = (batch[batch.length - 1] as StoredLogEntry).id;
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Fleet-wide reads the JSON API needs beyond the per-system repositories. */

export interface LogEntryRow {
  id: number;
  systemId: number | null;
  at: number;
  level: string;
  category: string;
  message: string;
  details: Record<string, unknown> | null;
  httpStatus: number | null;
  endpoint: string | null;
}

export interface LogQuery {
  systemId?: number;
  level?: string;
  category?: string;
  /** Inclusive epoch-ms bounds on the entry time. */
  from?: number;
  to?: number;
  /** Continue below this entry (the last one of the previous page): entries are ordered by time, then id. */
  before?: { at: number; id: number };
  limit: number;
}

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { text };
  }
}

/**
 * Newest first. Ids come from blocks reserved by each writer, so they are unique but not in time
 * order across writers: paging goes by (time, id), never by id alone.
 */
export async function listLogEntries(db: Kysely<Database>, q: LogQuery): Promise<LogEntryRow[]> {
  let query = db.selectFrom('system_logs').selectAll();
  if (q.systemId !== undefined) query = query.where('system_id', '=', q.systemId);
  if (q.level) query = query.where('level', '=', q.level);
  if (q.category) query = query.where('category', '=', q.category);
  if (q.from !== undefined) query = query.where('created_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('created_at', '<=', q.to);
  const before = q.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', before.at), eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    systemId: r.system_id,
    at: Number(r.created_at),
    level: r.level,
    category: r.category,
    message: r.message,
    details: parseDetails(r.details),
    httpStatus: r.http_status,
    endpoint: r.endpoint,
  }));
}

import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A system-log entry as the system page lists it. */
export interface SystemLogEntry {
  id: number;
  systemId: number | null;
  createdAt: number;
  level: string;
  category: string;
  message: string;
  httpStatus: number | null;
  endpoint: string | null;
}

/** The newest entries of one system, newest first (ties by id, which the writer hands out in order). */
export async function listRecentSystemLogs(db: Kysely<Database>, systemId: number, limit = 50): Promise<SystemLogEntry[]> {
  const rows = await db
    .selectFrom('system_logs')
    .select(['id', 'system_id', 'created_at', 'level', 'category', 'message', 'http_status', 'endpoint'])
    .where('system_id', '=', systemId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    systemId: r.system_id,
    createdAt: r.created_at,
    level: r.level,
    category: r.category,
    message: r.message,
    httpStatus: r.http_status,
    endpoint: r.endpoint,
  }));
}

import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { parseDetails } from './json-details.js';

/** One user action, as the audit log keeps it. `details` never holds a credential. */
export interface AuditEntry {
  id: number;
  at: number;
  username: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

export interface AuditInput {
  username: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
  at?: number;
}

export async function recordAudit(db: Kysely<Database>, input: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: input.at ?? Date.now(),
      username: input.username,
      action: input.action,
      target_type: input.targetType ?? null,
      target_id: input.targetId === undefined || input.targetId === null ? null : String(input.targetId),
      details: input.details ? JSON.stringify(input.details) : null,
      ip: input.ip ?? null,
    })
    .execute();
}

/** Newest first, `limit` per page; `before` is the id to continue below. */
export async function listAudit(db: Kysely<Database>, options: { limit?: number; before?: number; action?: string } = {}): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  if (options.action) query = query.where('action', '=', options.action);
  const rows = await query.orderBy('id', 'desc').limit(options.limit ?? 100).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    username: row.username,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: parseDetails(row.details),
    ip: row.ip,
  }));
}

/** Every action name that occurs in the log, for the audit page's filter. */
export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((row) => row.action);
}

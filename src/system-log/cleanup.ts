import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';

export interface CleanupOptions {
  /** Older entries are deleted; 0, negative or Infinity disables the rule. */
  retentionDays: number;
  /** Newest entries kept per system (entries without a system count as one more); 0, negative or Infinity disables it. */
  maxPerSystem: number;
  /** Epoch ms the retention is measured from. */
  now: number;
  /** Rows per DELETE statement (default 5000). */
  deleteBatchSize?: number;
  /** DELETE statements per run (default 100); what is left waits for the next run. */
  maxStatements?: number;
  /** Called after every DELETE, so a run that fails half-way still reports what it removed. */
  onDeleted?: (rows: number) => void;
}

export interface CleanupResult {
  deleted: number;
  statements: number;
  /** False when the statement budget ran out before everything due was deleted. */
  complete: boolean;
}

type Filter = (eb: ExpressionBuilder<Database, 'system_logs'>) => Expression<SqlBool>;

const dayMs = 86_400_000;
const enabled = (n: number) => Number.isFinite(n) && n > 0;

/**
 * Deletes entries past the retention, then trims every system to its newest `maxPerSystem`
 * entries (created_at desc, id desc). Every DELETE is its own short statement of at most
 * `deleteBatchSize` rows, so another process writing to the same SQLite file waits milliseconds,
 * never the whole cleanup.
 */
export async function cleanupSystemLogs(db: Kysely<Database>, options: CleanupOptions): Promise<CleanupResult> {
  const batchSize = Math.max(1, Math.trunc(options.deleteBatchSize ?? 5000));
  const maxStatements = options.maxStatements ?? 100;
  const result: CleanupResult = { deleted: 0, statements: 0, complete: true };

  // Deletes matching rows batch by batch; false when the budget ran out first.
  const deleteAll = async (filter: Filter, oldestFirst = false): Promise<boolean> => {
    while (result.statements < maxStatements) {
      const n = await deleteBatch(db, filter, batchSize, oldestFirst);
      result.statements++;
      result.deleted += n;
      options.onDeleted?.(n);
      if (n < batchSize) return true;
    }
    return false;
  };

  if (enabled(options.retentionDays)) {
    const cutoff = Math.trunc(options.now - options.retentionDays * dayMs);
    result.complete = await deleteAll((eb) => eb('created_at', '<', cutoff), true);
  }
  if (result.complete && enabled(options.maxPerSystem)) {
    const keep = Math.trunc(options.maxPerSystem);
    // One pass over the (system_id, created_at) index finds the systems over the limit; each of
    // them then costs one index seek for its cutoff row plus the deletes.
    const over = await db
      .selectFrom('system_logs')
      .select('system_id')
      .groupBy('system_id')
      .having((eb) => eb(eb.fn.countAll(), '>', keep))
      .execute();
    for (const { system_id: systemId } of over) {
      const sameSystem: Filter = (eb) => (systemId === null ? eb('system_id', 'is', null) : eb('system_id', '=', systemId));
      const oldestKept = await db
        .selectFrom('system_logs')
        .select(['created_at', 'id'])
        .where(sameSystem)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .offset(keep - 1)
        .executeTakeFirst();
      if (!oldestKept) continue;
      const { created_at: at, id } = oldestKept;
      result.complete = await deleteAll((eb) =>
        eb.and([sameSystem(eb), eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])])]),
      );
      if (!result.complete) break;
    }
  }
  return result;
}

// A single statement is its own short transaction on both engines; SQLite takes the write lock
// when the statement starts, so it only ever waits (busy_timeout), it never fails half-way.
// Retention deletes oldest first: the ORDER BY also makes PostgreSQL walk the created_at index
// even before ANALYZE has run, instead of a sequential scan of the whole table.
async function deleteBatch(db: Kysely<Database>, filter: Filter, limit: number, oldestFirst: boolean): Promise<number> {
  let ids = db.selectFrom('system_logs').select('id').where(filter).limit(limit);
  if (oldestFirst) ids = ids.orderBy('created_at');
  const res = await db.deleteFrom('system_logs').where('id', 'in', ids).executeTakeFirst();
  return Number(res.numDeletedRows);
}

import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** A queued row: its id is assigned once, just before its first insert attempt, and then kept. */
export interface IdentifiedRow {
  id?: number;
}

/**
 * Hi/lo ids for system_logs. Each writer (each process) reserves a block of ids with one atomic
 * `UPDATE … RETURNING`, so writers in several processes never hand out the same id, and an
 * entry's id never changes between attempts: a batch retried after an ambiguous failure (the
 * connection lost during COMMIT) conflicts on the primary key instead of inserting twice.
 * Unused ids of a block are simply skipped when the process stops.
 */
export function createIdAllocator(db: Kysely<Database>, blockSize: number) {
  let next = 0;
  let end = 0;

  async function reserve(count: number): Promise<void> {
    const size = Math.max(blockSize, count);
    // The block also starts above every id already in the table, so rows that arrived another
    // way (a database copy, an older version) can never swallow a new entry on conflict.
    const result = await sql<{ next_value: number | string }>`
      update id_blocks
         set next_value = (case when next_value > (select coalesce(max(id), 0) + 1 from system_logs)
                                then next_value
                                else (select coalesce(max(id), 0) + 1 from system_logs) end) + ${size}
       where name = 'system_logs'
   returning next_value`.execute(db);
    const row = result.rows[0];
    if (!row) throw new Error('the id_blocks row for system_logs is missing: run `sfd migrate up`');
    end = Number(row.next_value);
    next = end - size;
  }

  /** Gives every row without an id the next free one; rows that have one keep it. */
  async function assign(rows: IdentifiedRow[]): Promise<void> {
    const missing = rows.filter((r) => r.id === undefined);
    if (missing.length === 0) return;
    if (end - next < missing.length) await reserve(missing.length);
    for (const row of missing) row.id = next++;
  }

  return { assign };
}

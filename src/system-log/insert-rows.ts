import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { DatabaseHandle, Engine } from '../db/connect.js';
import type { Database, NewSystemLogRow } from '../db/schema.js';

// Bound parameters per statement: SQLite's SQLITE_MAX_VARIABLE_NUMBER, and PostgreSQL's wire
// protocol limit (a 16-bit count).
const parameterLimit: Record<Engine, number> = { sqlite: 32_766, postgres: 65_535 };
const columns = ['id', 'system_id', 'created_at', 'level', 'category', 'message', 'details', 'http_status', 'endpoint'] as const;

export function rowsPerStatement(engine: Engine): number {
  return Math.floor(parameterLimit[engine] / columns.length);
}

/**
 * Inserts the rows in one transaction. ON CONFLICT (id) DO NOTHING makes it idempotent (ids are fixed before the first attempt):
 * retrying a batch whose COMMIT may have succeeded (connection lost before the reply) cannot
 * insert any entry twice.
 */
export async function insertBatch(handle: DatabaseHandle, rows: NewSystemLogRow[]): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    if (handle.engine === 'postgres') {
      await insertUnnest(trx, rows);
      return;
    }
    const perStatement = rowsPerStatement(handle.engine);
    for (let i = 0; i < rows.length; i += perStatement) {
      await trx.executeQuery(sqliteValuesInsert(rows.length <= perStatement ? rows : rows.slice(i, i + perStatement)));
    }
  });
}

/**
 * SQLite: one multi-row INSERT … VALUES, written out directly. The text is fixed but for the row
 * count, and building the query through Kysely's builder (an AST of 9 000 values, then compiling
 * it) measured 16–27 % of the whole insert here; SQLite's own work is the rest.
 */
function sqliteValuesInsert(rows: NewSystemLogRow[]): CompiledQuery {
  const parameters: unknown[] = [];
  for (const row of rows) for (const name of columns) parameters.push(row[name] ?? null);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const text = `insert into "system_logs" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array(rows.length).fill(placeholders).join(', ')} on conflict ("id") do nothing`;
  return CompiledQuery.raw(text, parameters);
}

/**
 * PostgreSQL: one multi-row INSERT … SELECT FROM unnest() with one array parameter per column.
 * Nine parameters whatever the batch size (no chunking), and measured about 1.5× faster here
 * than VALUES with 9 000 parameters, whose parsing dominates on the server and in pg.
 */
function insertUnnest(db: Kysely<Database>, rows: NewSystemLogRow[]) {
  const column = (name: (typeof columns)[number]) => rows.map((r) => r[name] ?? null);
  return db
    .insertInto('system_logs')
    .columns(columns)
    .expression(
      sql`select * from unnest(${column('id')}::bigint[], ${column('system_id')}::int[], ${column('created_at')}::bigint[],
        ${column('level')}::text[], ${column('category')}::text[], ${column('message')}::text[], ${column('details')}::text[],
        ${column('http_status')}::int[], ${column('endpoint')}::text[])`,
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** One row in its own statement: the slow path that isolates a row the database refuses. */
export async function insertOne(handle: DatabaseHandle, row: NewSystemLogRow): Promise<void> {
  await handle.db
    .insertInto('system_logs')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

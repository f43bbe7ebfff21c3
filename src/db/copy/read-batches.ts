import { type Kysely, sql } from 'kysely';
import type { CopyTable } from './schema-info.js';
import type { Row } from './values.js';

/**
 * Reads a table in batches of `size` rows. With a primary key it pages by key (each batch costs
 * the same however deep into the table it is); a table without one is paged by offset, ordered by
 * every column — slower on big tables, but correct inside the snapshot copy-db reads from.
 */
export async function* readBatches(db: Kysely<any>, table: CopyTable, size: number): AsyncGenerator<Row[]> {
  if (table.primaryKey.length === 0) {
    yield* readByOffset(db, table, size);
    return;
  }
  const key = table.primaryKey;
  let last: Row | undefined;
  for (;;) {
    let query = db.selectFrom(table.name).selectAll();
    if (last !== undefined) {
      const after = last;
      const refs = sql.join(key.map((k) => sql.ref(k)));
      const values = sql.join(key.map((k) => after[k]));
      query = query.where(sql<boolean>`(${refs}) > (${values})`);
    }
    for (const k of key) query = query.orderBy(k);
    const rows = (await query.limit(size).execute()) as Row[];
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

async function* readByOffset(db: Kysely<any>, table: CopyTable, size: number): AsyncGenerator<Row[]> {
  for (let offset = 0; ; offset += size) {
    let query = db.selectFrom(table.name).selectAll();
    for (const column of table.columns) query = query.orderBy(column);
    const rows = (await query.limit(size).offset(offset).execute()) as Row[];
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
  }
}

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number | string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

import { type Kysely, sql } from 'kysely';
import type { Engine } from '../connect.js';
import { readBatches } from './read-batches.js';
import type { CopyTable } from './schema-info.js';
import { convertRow, createTableDigest } from './values.js';

export interface TableResult {
  table: string;
  rows: number;
  checksum: string;
}

// SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535: stay under both.
const maxParameters = 30_000;

/** Copies one table from the source snapshot into the target transaction; returns the source's count and checksum. */
export async function copyTable(
  from: Kysely<any>,
  to: Kysely<any>,
  table: CopyTable,
  options: { target: Engine; batchSize: number; onRows: (copied: number) => void },
): Promise<TableResult> {
  const digest = createTableDigest(table.columns);
  const perInsert = Math.max(1, Math.min(options.batchSize, Math.floor(maxParameters / table.columns.length)));
  let copied = 0;
  for await (const batch of readBatches(from, table, options.batchSize)) {
    const rows = batch.map((row) => {
      digest.add(row);
      return convertRow(row, table.columns, options.target);
    });
    for (let i = 0; i < rows.length; i += perInsert) {
      await to.insertInto(table.name).values(rows.slice(i, i + perInsert)).execute();
    }
    copied += rows.length;
    options.onRows(copied);
  }
  return { table: table.name, ...digest.result() };
}

/** Count and checksum of a table as it stands (read back from the target before commit). */
export async function digestTable(db: Kysely<any>, table: CopyTable, batchSize: number): Promise<TableResult> {
  const digest = createTableDigest(table.columns);
  for await (const batch of readBatches(db, table, batchSize)) for (const row of batch) digest.add(row);
  return { table: table.name, ...digest.result() };
}

/**
 * PostgreSQL identity columns keep their own counter, which explicit ids do not advance: set it
 * past max(id), or the first row the app inserts would collide. (SQLite derives the next rowid
 * from the table itself, and AUTOINCREMENT's sqlite_sequence follows explicit inserts.)
 */
export async function resetSequences(db: Kysely<any>, table: CopyTable): Promise<void> {
  for (const column of table.sequenced) {
    await sql`select setval(pg_get_serial_sequence(quote_ident(${table.name}), ${column}),
                            coalesce(max(${sql.ref(column)}), 0) + 1, false)
                from ${sql.table(table.name)}`.execute(db);
  }
}

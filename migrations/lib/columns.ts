import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, SqliteAdapter, sql } from 'kysely';

// The one place where migrations branch on the engine. Migrations never import src/, so this
// helper lives beside them; it sits in a subfolder so the migration provider never loads it.

export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** An auto-incrementing integer primary key: a rowid alias on SQLite, an identity on PostgreSQL. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return table.addColumn('id', 'integer', (c) =>
    isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
  );
}

/** Epoch milliseconds: bigint on PostgreSQL (parsed back to Number by the app), integer on SQLite. */
export const epochMs = 'bigint' as const;

/** Bytes of capacity: 64-bit on both engines. */
export const bytes = 'bigint' as const;

/** A boolean stored so that both engines accept 0/1 on write. */
export function booleanColumn(db: Kysely<any>, fallback: boolean) {
  return (c: ColumnDefinitionBuilder) =>
    c.notNull().defaultTo(isSqlite(db) ? sql.lit(fallback ? 1 : 0) : sql.lit(fallback));
}

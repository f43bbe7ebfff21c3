import { type Kysely, sql } from 'kysely';
import type { Engine } from '../connect.js';

/** What copy-db needs to know about one table, read from the live schema (never hard-coded). */
export interface CopyTable {
  name: string;
  /** Column names in table order. */
  columns: string[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** Columns backed by a sequence (PostgreSQL identity/serial); empty on SQLite. */
  sequenced: string[];
  /** Tables this one references through foreign keys (itself excluded). */
  references: string[];
}

// Kysely's own bookkeeping: the target's migrations are applied by copy-db itself, never copied.
const bookkeeping = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Every base table of the database's own schema, with keys and references. */
export async function describeTables(db: Kysely<any>, engine: Engine): Promise<CopyTable[]> {
  const schema = engine === 'postgres' ? await currentSchema(db) : undefined;
  const metas = (await db.introspection.getTables()).filter(
    (t) => !t.isView && !bookkeeping.has(t.name) && (schema === undefined || t.schema === schema),
  );
  const tables: CopyTable[] = [];
  for (const meta of metas) {
    tables.push({
      name: meta.name,
      columns: meta.columns.map((c) => c.name),
      primaryKey: await primaryKeyOf(db, engine, meta.name),
      sequenced: engine === 'postgres' ? meta.columns.filter((c) => c.isAutoIncrementing).map((c) => c.name) : [],
      references: (await referencesOf(db, engine, meta.name)).filter((r) => r !== meta.name),
    });
  }
  return tables.sort((a, b) => a.name.localeCompare(b.name));
}

async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

async function primaryKeyOf(db: Kysely<any>, engine: Engine, table: string): Promise<string[]> {
  const { rows } =
    engine === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db)
      : await sql<{ name: string }>`
          select a.attname as name
            from pg_index i
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
           where i.indrelid = to_regclass(quote_ident(${table})) and i.indisprimary
        order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return rows.map((r) => r.name);
}

async function referencesOf(db: Kysely<any>, engine: Engine, table: string): Promise<string[]> {
  const { rows } =
    engine === 'sqlite'
      ? await sql<{ name: string }>`select distinct "table" as name from pragma_foreign_key_list(${table})`.execute(db)
      : await sql<{ name: string }>`
          select distinct rf.relname as name
            from pg_constraint c
            join pg_class rf on rf.oid = c.confrelid
           where c.contype = 'f' and c.conrelid = to_regclass(quote_ident(${table}))`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Orders tables so that every table comes after the tables it references (inserts in this order,
 * deletes in reverse). A reference cycle cannot be copied row by row without deferred
 * constraints, so it is refused by name.
 */
export function orderByDependencies(tables: CopyTable[]): CopyTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: CopyTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: CopyTable, path: string[]) => {
    const seen = state.get(table.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`tables reference each other in a cycle (${[...path, table.name].join(' → ')}); copy-db cannot order them`);
    state.set(table.name, 'visiting');
    for (const name of table.references) {
      const referenced = byName.get(name);
      if (referenced) visit(referenced, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

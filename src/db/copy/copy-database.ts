import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from '../connect.js';
import { migrateToLatest, pendingMigrations } from '../migrate.js';
import { copyTable, digestTable, resetSequences, type TableResult } from './copy-table.js';
import { type CopyTable, describeTables, orderByDependencies } from './schema-info.js';
import { countRows } from './read-batches.js';
import { tablesWithData } from './target-state.js';

export interface CopyProgress {
  table: string;
  /** 1-based position of the table, and how many there are. */
  index: number;
  tables: number;
  copied: number;
  total: number;
}

export interface CopyOptions {
  /** Replace a target that already holds data. */
  force?: boolean;
  batchSize?: number;
  onProgress?: (progress: CopyProgress) => void;
}

/** A copy that was refused or did not verify; the target is left as it was. */
export class CopyError extends Error {
  override name = 'CopyError';
}

/**
 * Copies every table from source to target. The target is migrated to the latest schema first,
 * then filled inside ONE transaction: old rows deleted (with force), every table inserted in
 * foreign-key order, identity sequences moved past max(id), and counts and checksums verified
 * against the source — all before COMMIT, so a failure at any step rolls the target back to what
 * it was. The source is read from one snapshot (a read transaction) and never written.
 */
export async function copyDatabase(source: DatabaseHandle, target: DatabaseHandle, options: CopyOptions = {}): Promise<TableResult[]> {
  const batchSize = options.batchSize ?? 1000;
  const pending = await pendingMigrations(source.db);
  if (pending.length > 0) {
    throw new CopyError(`the source ${source.display} has ${pending.length} pending migration(s) (${pending.join(', ')}); run \`sfd migrate up\` on it first`);
  }
  await migrateToLatest(target.db);
  const tables = orderByDependencies(await describeTables(target.db, target.engine));
  checkSameSchema(tables, await describeTables(source.db, source.engine));
  if (!options.force) {
    const filled = await tablesWithData(target.db, tables);
    if (filled.length > 0) {
      const list = filled.map((f) => `${f.table}: ${f.rows} rows`).join(', ');
      throw new CopyError(`the target ${target.display} already holds data (${list}); use --force to replace it`);
    }
  }
  return source.db.connection().execute(async (src) => {
    await sql.raw(source.engine === 'postgres' ? 'begin transaction isolation level repeatable read read only' : 'begin').execute(src);
    try {
      return await target.db.transaction().execute((trx) => fill(src, trx, tables, target.engine === 'postgres', { ...options, batchSize }));
    } finally {
      await sql.raw('rollback').execute(src);
    }
  });
}

async function fill(src: Kysely<any>, trx: Kysely<any>, tables: CopyTable[], postgres: boolean, options: CopyOptions & { batchSize: number }) {
  for (const table of [...tables].reverse()) await trx.deleteFrom(table.name).execute();
  const copied: TableResult[] = [];
  for (const [i, table] of tables.entries()) {
    const total = await countRows(src, table.name);
    const report = (n: number) => options.onProgress?.({ table: table.name, index: i + 1, tables: tables.length, copied: n, total });
    report(0);
    copied.push(await copyTable(src, trx, table, { target: postgres ? 'postgres' : 'sqlite', batchSize: options.batchSize, onRows: report }));
    if (postgres) await resetSequences(trx, table);
  }
  for (const [i, table] of tables.entries()) {
    const expected = copied[i] as TableResult;
    const actual = await digestTable(trx, table, options.batchSize);
    if (actual.rows !== expected.rows) {
      throw new CopyError(`verification failed for ${table.name}: the source has ${expected.rows} rows, the target ${actual.rows}; nothing was committed`);
    }
    if (actual.checksum !== expected.checksum) {
      throw new CopyError(`verification failed for ${table.name}: the checksums differ (source ${expected.checksum}, target ${actual.checksum}); nothing was committed`);
    }
  }
  return copied;
}

function checkSameSchema(target: CopyTable[], source: CopyTable[]): void {
  const problems: string[] = [];
  const bySource = new Map(source.map((t) => [t.name, t]));
  for (const table of target) {
    const other = bySource.get(table.name);
    if (!other) {
      problems.push(`table ${table.name} is missing in the source`);
      continue;
    }
    const missing = table.columns.filter((c) => !other.columns.includes(c));
    const extra = other.columns.filter((c) => !table.columns.includes(c));
    if (missing.length + extra.length > 0) problems.push(`table ${table.name} differs (source lacks: ${missing.join(', ') || '-'}; source has extra: ${extra.join(', ') || '-'})`);
    bySource.delete(table.name);
  }
  for (const name of bySource.keys()) problems.push(`table ${name} exists only in the source`);
  if (problems.length > 0) {
    throw new CopyError(`the source and target schemas differ after migrating the target: ${problems.join('; ')}. Are both on the same sfd version?`);
  }
}

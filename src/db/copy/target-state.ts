import type { Kysely } from 'kysely';
import { openDatabase } from '../connect.js';
import { migrateToLatest } from '../migrate.js';
import { digestTable } from './copy-table.js';
import { countRows } from './read-batches.js';
import type { CopyTable } from './schema-info.js';

/**
 * The tables of the target that hold anything beyond what the migrations themselves put there
 * (they seed rows, e.g. the id_blocks counter). The seed is learnt from a fresh in-memory database
 * migrated with the same migrations, so a table added tomorrow needs no change here.
 */
export async function tablesWithData(target: Kysely<any>, tables: CopyTable[]): Promise<{ table: string; rows: number }[]> {
  const fresh = openDatabase({ kind: 'sqlite', file: ':memory:', display: 'sqlite::memory:' });
  try {
    await migrateToLatest(fresh.db);
    const found: { table: string; rows: number }[] = [];
    for (const table of tables) {
      const rows = await countRows(target, table.name);
      if (rows === 0) continue;
      const seeded = await countRows(fresh.db, table.name);
      // Only a table with exactly the seed's row count can still be pristine; compare contents then.
      if (rows !== seeded || (await digestTable(target, table, 1000)).checksum !== (await digestTable(fresh.db, table, 1000)).checksum) {
        found.push({ table: table.name, rows });
      }
    }
    return found;
  } finally {
    await fresh.close();
  }
}

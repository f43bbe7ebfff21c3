import type { Kysely } from 'kysely';
import { bytes, epochMs, withId } from './lib/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('capacity_samples'))
    .addColumn('system_id', 'integer', (c) =>
      c.notNull().references('storage_systems.id').onDelete('cascade'),
    )
    .addColumn('at', epochMs, (c) => c.notNull())
    .addColumn('total_bytes', bytes, (c) => c.notNull())
    .addColumn('used_bytes', bytes, (c) => c.notNull())
    .addColumn('free_bytes', bytes)
    .addColumn('effective_used_bytes', bytes)
    .addColumn('data_reduction', 'double precision')
    .execute();
  await db.schema
    .createIndex('capacity_samples_system_at_idx')
    .on('capacity_samples')
    .columns(['system_id', 'at'])
    .execute();

  // Daily rollups are kept for years; raw samples are pruned sooner.
  await db.schema
    .createTable('capacity_daily')
    .addColumn('system_id', 'integer', (c) =>
      c.notNull().references('storage_systems.id').onDelete('cascade'),
    )
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('total_bytes', bytes, (c) => c.notNull())
    .addColumn('used_min_bytes', bytes, (c) => c.notNull())
    .addColumn('used_max_bytes', bytes, (c) => c.notNull())
    .addColumn('used_last_bytes', bytes, (c) => c.notNull())
    .addColumn('last_at', epochMs, (c) => c.notNull())
    .addPrimaryKeyConstraint('capacity_daily_pk', ['system_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('capacity_daily').execute();
  await db.schema.dropTable('capacity_samples').execute();
}

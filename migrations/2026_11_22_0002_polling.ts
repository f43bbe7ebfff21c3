import type { Kysely } from 'kysely';
import { epochMs, withId } from './lib/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // One lease row per system: a poller owns it until lease_expires_at; next_due_at schedules it.
  await db.schema
    .createTable('poll_leases')
    .addColumn('system_id', 'integer', (c) =>
      c.primaryKey().references('storage_systems.id').onDelete('cascade'),
    )
    .addColumn('owner', 'text')
    .addColumn('lease_expires_at', epochMs, (c) => c.notNull().defaultTo(0))
    .addColumn('next_due_at', epochMs, (c) => c.notNull().defaultTo(0))
    .addColumn('acquired_at', epochMs)
    .execute();
  await db.schema.createIndex('poll_leases_due_idx').on('poll_leases').columns(['next_due_at', 'lease_expires_at']).execute();

  await db.schema
    .createTable('system_status')
    .addColumn('system_id', 'integer', (c) =>
      c.primaryKey().references('storage_systems.id').onDelete('cascade'),
    )
    .addColumn('polled_at', epochMs, (c) => c.notNull())
    .addColumn('last_ok_at', epochMs)
    .addColumn('reachability', 'text', (c) => c.notNull())
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('duration_ms', 'integer')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('snapshot', 'text')
    .execute();

  await withId(db, db.schema.createTable('status_transitions'))
    .addColumn('system_id', 'integer', (c) =>
      c.notNull().references('storage_systems.id').onDelete('cascade'),
    )
    .addColumn('at', epochMs, (c) => c.notNull())
    .addColumn('from_health', 'text')
    .addColumn('to_health', 'text', (c) => c.notNull())
    .addColumn('from_reachability', 'text')
    .addColumn('to_reachability', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .execute();
  await db.schema
    .createIndex('status_transitions_system_at_idx')
    .on('status_transitions')
    .columns(['system_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('status_transitions').execute();
  await db.schema.dropTable('system_status').execute();
  await db.schema.dropTable('poll_leases').execute();
}

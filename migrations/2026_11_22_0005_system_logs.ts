import type { Kysely } from 'kysely';
import { epochMs, withId } from './lib/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // No foreign key to storage_systems on purpose: a batch holding one entry for a just-deleted
  // system must not fail the whole batch. Deleting a system deletes its log entries explicitly.
  await withId(db, db.schema.createTable('system_logs'))
    .addColumn('entry_uid', 'text', (c) => c.notNull())
    .addColumn('system_id', 'integer')
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('endpoint', 'text')
    .execute();
  await db.schema.createIndex('system_logs_entry_uid_uq').unique().on('system_logs').column('entry_uid').execute();
  await db.schema
    .createIndex('system_logs_system_created_idx')
    .on('system_logs')
    .columns(['system_id', 'created_at'])
    .execute();
  await db.schema.createIndex('system_logs_created_idx').on('system_logs').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('system_logs').execute();
}

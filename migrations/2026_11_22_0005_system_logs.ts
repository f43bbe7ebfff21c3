import type { Kysely } from 'kysely';
import { epochMs, isSqlite } from './lib/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // Ids are 64-bit and assigned by the log writer from blocks it reserves in id_blocks, so an
  // entry's id is fixed before its first insert attempt: a retried batch then conflicts on the
  // primary key instead of inserting twice, without a second unique index to maintain.
  // (`integer primary key` is SQLite's 64-bit rowid; PostgreSQL needs bigint.)
  await db.schema
    .createTable('id_blocks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('id_blocks').values({ name: 'system_logs', next_value: 1 }).execute();

  // No foreign key to storage_systems on purpose: a batch holding one entry for a just-deleted
  // system must not fail the whole batch. Deleting a system deletes its log entries explicitly.
  await db.schema
    .createTable('system_logs')
    .addColumn('id', isSqlite(db) ? 'integer' : 'bigint', (c) => c.primaryKey())
    .addColumn('system_id', 'integer')
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('endpoint', 'text')
    .execute();
  await db.schema
    .createIndex('system_logs_system_created_idx')
    .on('system_logs')
    .columns(['system_id', 'created_at'])
    .execute();
  await db.schema.createIndex('system_logs_created_idx').on('system_logs').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('system_logs').execute();
  await db.schema.dropTable('id_blocks').execute();
}

import type { Kysely } from 'kysely';
import { epochMs, withId } from './lib/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  // (system_id, vendor_alert_id) is the alert's stable identity: a re-raised alert reopens its row.
  await withId(db, db.schema.createTable('alerts'))
    .addColumn('system_id', 'integer', (c) =>
      c.notNull().references('storage_systems.id').onDelete('cascade'),
    )
    .addColumn('vendor_alert_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('component', 'text')
    .addColumn('raised_at', epochMs)
    .addColumn('first_seen_at', epochMs, (c) => c.notNull())
    .addColumn('last_seen_at', epochMs, (c) => c.notNull())
    .addColumn('resolved_at', epochMs)
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', epochMs)
    .addColumn('ack_comment', 'text')
    .addUniqueConstraint('alerts_identity_uq', ['system_id', 'vendor_alert_id'])
    .execute();
  await db.schema.createIndex('alerts_open_idx').on('alerts').columns(['resolved_at', 'severity']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
}

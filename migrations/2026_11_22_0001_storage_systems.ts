import { type Kysely, sql } from 'kysely';
import { booleanColumn, epochMs, withId } from './lib/columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('storage_systems'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('vendor', 'text', (c) =>
      c.notNull().check(sql`vendor in ('pure', 'ontap', 'storagegrid', 'datadomain')`),
    )
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.check(sql`port is null or (port between 1 and 65535)`))
    // AES-256-GCM envelope (nonce, tag, ciphertext); never plain text.
    .addColumn('credentials_enc', 'text', (c) => c.notNull())
    .addColumn('tls_mode', 'text', (c) =>
      c.notNull().defaultTo('system').check(sql`tls_mode in ('system', 'ca', 'pinned', 'insecure')`),
    )
    .addColumn('tls_ca_pem', 'text')
    .addColumn('tls_fingerprint', 'text')
    .addColumn('enabled', 'boolean', booleanColumn(db, true))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('updated_at', epochMs, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('storage_systems_vendor_idx').on('storage_systems').column('vendor').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('storage_systems').execute();
}

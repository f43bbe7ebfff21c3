import { type Kysely, sql } from 'kysely';
import { epochMs, withId } from './lib/columns.js';

// API tokens for automation. Only the SHA-256 of a token is stored: the token is shown once when it
// is created. Revoked tokens stay (revoked_at set) so the audit trail can still name them.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'viewer')`))
    .addColumn('created_at', epochMs, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('last_used_at', epochMs)
    .addColumn('revoked_at', epochMs)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}

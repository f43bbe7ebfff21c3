// Inserts storage_systems rows directly, so repository and poller tests do not depend on the
// systems repository or on credential encryption.
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.js';
import type { Vendor } from '../../../src/domain/snapshot.js';

export async function insertSystemRow(db: Kysely<Database>, name: string, vendor: Vendor = 'pure'): Promise<number> {
  const row = await db
    .insertInto('storage_systems')
    .values({ name, vendor, address: '127.0.0.1', port: null, credentials_enc: 'test-only', created_at: 1, updated_at: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const DAY = 86_400_000;
/** 2026-11-01T00:00:00Z */
export const T0 = Date.UTC(2026, 10, 1);

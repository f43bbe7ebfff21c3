import type { Kysely } from 'kysely';
import { isOneOf } from '../../domain/enums.js';
import { VENDORS } from '../../domain/snapshot.js';
import type { StoredSystem, SystemFields, SystemTls } from '../../domain/system.js';
import type { Database, StorageSystemRow, StorageSystemUpdate } from '../schema.js';

/**
 * The configured storage systems. Credentials pass through sealed: this layer neither encrypts
 * nor decrypts (db may not import lib), it only stores the envelope.
 */

function tlsOf(row: StorageSystemRow): SystemTls {
  switch (row.tls_mode) {
    case 'system':
    case 'insecure':
      return { mode: row.tls_mode };
    case 'ca':
      if (row.tls_ca_pem) return { mode: 'ca', caPem: row.tls_ca_pem };
      break;
    case 'pinned':
      if (row.tls_fingerprint) return { mode: 'pinned', fingerprintSha256: row.tls_fingerprint };
      break;
  }
  // Falling back to a weaker (or any other) trust would change what the poller accepts; say so instead.
  throw new Error(`storage system "${row.name}" (id ${row.id}) has TLS mode "${row.tls_mode}" without the value it needs`);
}

function tagsOf(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function rowToStoredSystem(row: StorageSystemRow): StoredSystem {
  // The column has a CHECK constraint; this only narrows the type without a cast.
  if (!isOneOf(VENDORS, row.vendor)) throw new Error(`storage system "${row.name}" (id ${row.id}) has unknown vendor "${row.vendor}"`);
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    address: row.address,
    port: row.port,
    tls: tlsOf(row),
    enabled: Boolean(row.enabled),
    tags: tagsOf(row.tags),
    credentialsSealed: row.credentials_enc,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function tlsColumns(tls: SystemTls) {
  return {
    tls_mode: tls.mode,
    tls_ca_pem: tls.mode === 'ca' ? tls.caPem : null,
    tls_fingerprint: tls.mode === 'pinned' ? tls.fingerprintSha256 : null,
  };
}

function columnsOf(patch: Partial<SystemFields>): StorageSystemUpdate {
  const columns: StorageSystemUpdate = {};
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.vendor !== undefined) columns.vendor = patch.vendor;
  if (patch.address !== undefined) columns.address = patch.address;
  if (patch.port !== undefined) columns.port = patch.port;
  if (patch.tls !== undefined) Object.assign(columns, tlsColumns(patch.tls));
  if (patch.enabled !== undefined) columns.enabled = patch.enabled ? 1 : 0;
  if (patch.tags !== undefined) columns.tags = JSON.stringify(patch.tags);
  if (patch.credentialsSealed !== undefined) columns.credentials_enc = patch.credentialsSealed;
  return columns;
}

export async function listSystems(db: Kysely<Database>): Promise<StoredSystem[]> {
  const rows = await db.selectFrom('storage_systems').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(rowToStoredSystem);
}

export async function getSystem(db: Kysely<Database>, id: number): Promise<StoredSystem | null> {
  const row = await db.selectFrom('storage_systems').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToStoredSystem(row) : null;
}

export async function getSystemByName(db: Kysely<Database>, name: string): Promise<StoredSystem | null> {
  const row = await db.selectFrom('storage_systems').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? rowToStoredSystem(row) : null;
}

export async function insertSystem(db: Kysely<Database>, fields: SystemFields, now = Date.now()): Promise<StoredSystem> {
  const row = await db
    .insertInto('storage_systems')
    .values({
      name: fields.name,
      vendor: fields.vendor,
      address: fields.address,
      port: fields.port,
      credentials_enc: fields.credentialsSealed,
      ...tlsColumns(fields.tls),
      enabled: fields.enabled ? 1 : 0,
      tags: JSON.stringify(fields.tags),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToStoredSystem(row);
}

/** Changes only the fields given; null when no system has that id. */
export async function updateSystem(db: Kysely<Database>, id: number, patch: Partial<SystemFields>, now = Date.now()): Promise<StoredSystem | null> {
  const row = await db
    .updateTable('storage_systems')
    .set({ ...columnsOf(patch), updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? rowToStoredSystem(row) : null;
}

/**
 * Deletes a system and its log entries (status, leases, capacity and alerts go by foreign-key
 * cascade; system_logs has no foreign key, see its migration). Atomic: it joins the caller's
 * transaction or opens its own.
 */
export async function deleteSystem(db: Kysely<Database>, id: number): Promise<boolean> {
  const run = async (trx: Kysely<Database>) => {
    await trx.deleteFrom('system_logs').where('system_id', '=', id).execute();
    const result = await trx.deleteFrom('storage_systems').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

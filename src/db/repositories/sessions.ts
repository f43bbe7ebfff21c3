import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { newToken, sha256Hex } from './token-hash.js';
import { notDisabled } from './user-filters.js';
import type { UserRole } from './users.js';

/**
 * Server-side sessions. The browser holds a random token; the table holds only its SHA-256, so a
 * copy of the database lets nobody sign in. Rows live in the shared database, so any web replica
 * can answer any request.
 */
export interface SessionInfo {
  /** SHA-256 of the token (the row id). */
  id: string;
  userId: number;
  username: string;
  role: UserRole;
  createdAt: number;
  expiresAt: number;
}

export async function createSession(db: Kysely<Database>, userId: number, expiresAt: number, at = Date.now()): Promise<string> {
  const token = newToken();
  await db.insertInto('sessions').values({ id: sha256Hex(token), user_id: userId, created_at: at, expires_at: expiresAt, data: null }).execute();
  return token;
}

/** The live session of an enabled user, or null (unknown, expired, or the user is disabled). */
export async function findSession(db: Kysely<Database>, token: string, now = Date.now()): Promise<SessionInfo | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.created_at', 'sessions.expires_at', 'users.username', 'users.role'])
    .where('sessions.id', '=', sha256Hex(token))
    .where('sessions.expires_at', '>', now)
    .where(notDisabled)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    role: row.role === 'admin' ? 'admin' : 'viewer',
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function extendSession(db: Kysely<Database>, id: string, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute();
}

export async function deleteUserSessions(db: Kysely<Database>, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Reserved settings key for a generated cookie-signing secret when SECRET_KEY is not set. The
 * leading underscore keeps it out of the admin settings (readSettings only reads known keys).
 */
export const SESSION_SECRET_KEY = '_session_secret';

/**
 * The stored session secret, or `candidate` stored as it when there is none yet. The first replica
 * to start wins; every other replica reads the same value.
 */
export async function ensureSessionSecret(db: Kysely<Database>, candidate: string, at = Date.now()): Promise<{ secret: string; created: boolean }> {
  const inserted = await db
    .insertInto('settings')
    .values({ key: SESSION_SECRET_KEY, value: JSON.stringify(candidate), updated_at: at, updated_by: 'sfd' })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  const row = await db.selectFrom('settings').select('value').where('key', '=', SESSION_SECRET_KEY).executeTakeFirstOrThrow();
  return { secret: String(JSON.parse(row.value)), created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
}

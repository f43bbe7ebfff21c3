import type { Kysely } from 'kysely';
import type { ApiTokensTable, Database } from '../schema.js';
import { newToken, sha256Hex } from './token-hash.js';
import { isUserRole, type UserRole } from './users.js';

/** What anyone may see of a token: never the token, never its hash. */
export interface ApiToken {
  id: number;
  name: string;
  role: UserRole;
  createdAt: number;
  createdBy: string | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export const API_TOKEN_PREFIX = 'sfd_';

export class ApiTokenError extends Error {
  override name = 'ApiTokenError';
  constructor(
    readonly code: 'BAD_NAME' | 'BAD_ROLE' | 'TOKEN_EXISTS' | 'TOKEN_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

export function tokenNameProblem(name: string): string | null {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) ? null : 'a token name is 1 to 64 characters: letters, digits, and . _ - (not first)';
}

const columns = ['id', 'name', 'role', 'created_at', 'created_by', 'last_used_at', 'revoked_at'] as const;
type TokenRow = Pick<ApiTokensTable, 'name' | 'role' | 'created_at' | 'created_by' | 'last_used_at' | 'revoked_at'> & { id: number };

function rowToToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role === 'admin' ? 'admin' : 'viewer',
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a token and returns it in plain text: the only time it exists outside the caller. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { name: string; role: UserRole; createdBy: string | null; at?: number },
): Promise<{ token: string; record: ApiToken }> {
  const problem = tokenNameProblem(input.name);
  if (problem) throw new ApiTokenError('BAD_NAME', problem);
  if (!isUserRole(input.role)) throw new ApiTokenError('BAD_ROLE', `the role must be admin or viewer, not "${String(input.role)}"`);
  const existing = await db.selectFrom('api_tokens').select('id').where('name', '=', input.name).executeTakeFirst();
  if (existing) throw new ApiTokenError('TOKEN_EXISTS', `a token named "${input.name}" already exists (revoked tokens keep their name)`);
  const token = newToken(API_TOKEN_PREFIX);
  const row = await db
    .insertInto('api_tokens')
    .values({ name: input.name, token_hash: sha256Hex(token), role: input.role, created_at: input.at ?? Date.now(), created_by: input.createdBy })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return { token, record: rowToToken(row) };
}

/** The token's record when it exists and is not revoked; null otherwise. */
export async function findActiveApiToken(db: Kysely<Database>, token: string): Promise<ApiToken | null> {
  const row = await db.selectFrom('api_tokens').select(columns).where('token_hash', '=', sha256Hex(token)).where('revoked_at', 'is', null).executeTakeFirst();
  return row ? rowToToken(row) : null;
}

/** Records use at most once a minute per token, so busy automation does not write on every call. */
export async function touchApiToken(db: Kysely<Database>, token: ApiToken, at = Date.now()): Promise<void> {
  if (token.lastUsedAt !== null && at - token.lastUsedAt < 60_000) return;
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', token.id).execute();
}

export async function listApiTokens(db: Kysely<Database>): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').select(columns).orderBy('name').execute();
  return rows.map(rowToToken);
}

export async function revokeApiToken(db: Kysely<Database>, name: string, at = Date.now()): Promise<ApiToken> {
  const row = await db.selectFrom('api_tokens').select(columns).where('name', '=', name).executeTakeFirst();
  if (!row) throw new ApiTokenError('TOKEN_NOT_FOUND', `no token named "${name}"`);
  if (row.revoked_at !== null) return rowToToken(row);
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', row.id).execute();
  return rowToToken({ ...row, revoked_at: at });
}

import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import type { Database, UsersTable } from '../schema.js';
import { deleteUserSessions } from './sessions.js';
import { notDisabled } from './user-filters.js';

export type UserRole = 'admin' | 'viewer';
export const USER_ROLES: readonly UserRole[] = ['admin', 'viewer'];

/** A user as the app sees it: never with the password hash (see findLogin). */
export interface User {
  id: number;
  username: string;
  role: UserRole;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

export type UserErrorCode = 'BAD_USERNAME' | 'BAD_ROLE' | 'USER_EXISTS' | 'USER_NOT_FOUND' | 'LAST_ADMIN';

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Usernames compare case-insensitively: they are stored lower-case. */
export function normalizeUsername(name: string): string {
  return name.trim().toLowerCase();
}

export function usernameProblem(name: string): string | null {
  return /^[a-z0-9][a-z0-9._@-]{0,63}$/.test(normalizeUsername(name))
    ? null
    : 'a username is 1 to 64 characters: letters, digits, and . _ @ - (not first)';
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

function rowToUser(row: Pick<UsersTable, 'username' | 'role' | 'created_at' | 'last_login_at'> & { id: number; disabled: number | boolean }): User {
  return {
    id: row.id,
    username: row.username,
    role: row.role === 'admin' ? 'admin' : 'viewer',
    disabled: Boolean(row.disabled),
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

const userColumns = ['id', 'username', 'role', 'disabled', 'created_at', 'last_login_at'] as const;

export async function createUser(db: Kysely<Database>, input: { username: string; passwordHash: string; role: UserRole; at?: number }): Promise<User> {
  const username = normalizeUsername(input.username);
  const problem = usernameProblem(username);
  if (problem) throw new UserError('BAD_USERNAME', problem);
  if (!isUserRole(input.role)) throw new UserError('BAD_ROLE', `the role must be admin or viewer, not "${String(input.role)}"`);
  if (await findUserByName(db, username)) throw new UserError('USER_EXISTS', `a user named "${username}" already exists`);
  const row = await db
    .insertInto('users')
    .values({ username, password_hash: input.passwordHash, role: input.role, disabled: 0, created_at: input.at ?? Date.now(), last_login_at: null })
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  return rowToUser(row);
}

export async function findUserByName(db: Kysely<Database>, username: string): Promise<User | null> {
  const row = await db.selectFrom('users').select(userColumns).where('username', '=', normalizeUsername(username)).executeTakeFirst();
  return row ? rowToUser(row) : null;
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  return row ? rowToUser(row) : null;
}

/** The one read that returns a password hash: for checking a sign-in, nothing else. */
export async function findLogin(db: Kysely<Database>, username: string): Promise<{ user: User; passwordHash: string } | null> {
  const row = await db.selectFrom('users').select([...userColumns, 'password_hash']).where('username', '=', normalizeUsername(username)).executeTakeFirst();
  return row ? { user: rowToUser(row), passwordHash: row.password_hash } : null;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').select(userColumns).orderBy('username').execute();
  return rows.map(rowToUser);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordLogin(db: Kysely<Database>, id: number, at = Date.now()): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

/** Sets a new hash and signs the user out everywhere: a reset password must end stolen sessions. */
export async function setUserPassword(db: Kysely<Database>, id: number, passwordHash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await requireUser(trx, id);
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    await deleteUserSessions(trx, id);
  });
}

export async function setUserRole(db: Kysely<Database>, id: number, role: UserRole): Promise<User> {
  if (!isUserRole(role)) throw new UserError('BAD_ROLE', `the role must be admin or viewer, not "${String(role)}"`);
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    if (role !== 'admin') await keepOneAdmin(trx, user, 'demoted');
    await trx.updateTable('users').set({ role }).where('id', '=', id).execute();
    return { ...user, role };
  });
}

/** Disabling also deletes the user's sessions, so it takes effect at once. */
export async function setUserDisabled(db: Kysely<Database>, id: number, disabled: boolean): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    if (disabled) {
      await keepOneAdmin(trx, user, 'disabled');
      await deleteUserSessions(trx, id);
    }
    await trx.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
    return { ...user, disabled };
  });
}

export async function deleteUser(db: Kysely<Database>, id: number): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, id);
    await keepOneAdmin(trx, user, 'deleted');
    await deleteUserSessions(trx, id);
    await trx.deleteFrom('users').where('id', '=', id).execute();
    return user;
  });
}

async function requireUser(trx: Transaction<Database>, id: number): Promise<User> {
  const user = await findUserById(trx, id);
  if (!user) throw new UserError('USER_NOT_FOUND', `no user with id ${id}`);
  return user;
}

/**
 * Refuses to take away the last enabled admin: nobody could manage users any more. On PostgreSQL
 * the enabled admins' rows are locked first: two admins demoting each other at once would
 * otherwise each count the other and both succeed. The second waits, then re-reads the rows
 * (PostgreSQL re-checks a locked row's condition), and sees the first change. SQLite needs no
 * lock: its write transactions (BEGIN IMMEDIATE) already run one at a time.
 */
async function keepOneAdmin(trx: Transaction<Database>, user: User, verb: string): Promise<void> {
  if (user.role !== 'admin' || user.disabled) return;
  let admins = trx.selectFrom('users').select('id').where('role', '=', 'admin').where(notDisabled);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) admins = admins.forUpdate();
  const others = (await admins.execute()).filter((row) => row.id !== user.id);
  if (others.length === 0) throw new UserError('LAST_ADMIN', `"${user.username}" is the last enabled admin and cannot be ${verb}; make another admin first`);
}

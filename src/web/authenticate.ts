import type { Kysely } from 'kysely';
import { findLogin, type User } from '../db/repositories/users.js';
import type { Database } from '../db/schema.js';
import { PASSWORD_MAX_LENGTH, verifyAgainstDummy, verifyPassword } from '../lib/password.js';

export type LoginFailure = 'unknown_user' | 'disabled' | 'wrong_password';

/**
 * Checks a username and password. Every failure costs the same argon2 work, so timing does not
 * reveal which usernames exist; the caller shows one generic message whatever the reason.
 */
export async function authenticate(db: Kysely<Database>, username: string, password: string): Promise<{ user: User } | { failure: LoginFailure }> {
  if (password.length > PASSWORD_MAX_LENGTH * 4) return { failure: 'wrong_password' };
  const login = username.trim() === '' ? null : await findLogin(db, username);
  if (!login || login.user.disabled) {
    await verifyAgainstDummy(password);
    return { failure: login ? 'disabled' : 'unknown_user' };
  }
  return (await verifyPassword(password, login.passwordHash)) ? { user: login.user } : { failure: 'wrong_password' };
}

/** `next` is followed only when it is a path on this site: never `//evil.example` or a URL. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // Control characters and backslashes: browsers treat some of them as '/', making a foreign URL.
  if ([...next].some((c) => c < ' ' || c === '\u007f' || c === '\\')) return null;
  if (/^\/(login|logout)(\?|$)/.test(next)) return null;
  return next;
}

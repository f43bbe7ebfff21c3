import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { createApiToken } from '../../src/db/repositories/api-tokens.js';
import { createSession } from '../../src/db/repositories/sessions.js';
import { createUser, findUserByName, type UserRole } from '../../src/db/repositories/users.js';
import { hashPassword } from '../../src/lib/password.js';
import { idleExpiry, SESSION_COOKIE } from '../../src/web/session-cookie.js';

/** The password of every user these helpers create. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  /** The Cookie header to send: session and CSRF secret cookies. */
  cookie: string;
  /** Send as form field `_csrf` or header `x-csrf-token` on state-changing requests. */
  csrfToken: string;
  username: string;
  userId: number;
}

let hashed: Promise<string> | undefined;

/**
 * A signed-in browser for app.inject: creates the user (default name `test-<role>`) if needed,
 * opens a session directly in the database (so repeated calls never hit the sign-in rate limit),
 * and fetches a CSRF token from the sign-in page.
 */
export async function signIn(app: FastifyInstance, handle: DatabaseHandle, role: UserRole = 'admin', username = `test-${role}`): Promise<SignedIn> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const user = (await findUserByName(handle.db, username)) ?? (await createUser(handle.db, { username, passwordHash: await hashed, role }));
  const now = Date.now();
  const token = await createSession(handle.db, user.id, idleExpiry(now, now), now);
  const csrf = await csrfFor(app);
  const session = `${SESSION_COOKIE}=${encodeURIComponent(app.signCookie(token))}`;
  return { cookie: `${session}; ${csrf.cookie}`, csrfToken: csrf.token, username: user.username, userId: user.id };
}

/**
 * A CSRF secret cookie and a matching token, as a browser gets them from the sign-in page (or from
 * another page with a form, e.g. `/` when the app already treats the caller as signed in).
 */
export async function csrfFor(app: FastifyInstance, url = '/login'): Promise<{ cookie: string; token: string }> {
  const page = await app.inject({ url, headers: { accept: 'text/html' } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  const cookie = page.cookies.find((c) => c.name === 'sfd_csrf');
  if (!token || !cookie) throw new Error(`no CSRF token on ${url} (status ${page.statusCode})`);
  return { cookie: `sfd_csrf=${encodeURIComponent(cookie.value)}`, token };
}

/** Headers for a state-changing request as the signed-in browser: cookie plus CSRF token. */
export function withCsrf(s: Pick<SignedIn, 'cookie' | 'csrfToken'>): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrfToken };
}

/** An API token (plain text, for `Authorization: Bearer …`); the name defaults to a unique one. */
export async function createToken(handle: DatabaseHandle, role: UserRole = 'viewer', name = `test-${role}-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
  return (await createApiToken(handle.db, { name, role, createdBy: 'test' })).token;
}

import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createSession, deleteSession, extendSession, type SessionInfo } from '../db/repositories/sessions.js';
import type { Database } from '../db/schema.js';
import type { WebOptions } from './options.js';

export const SESSION_COOKIE = 'sfd_session';
export const CSRF_COOKIE = 'sfd_csrf';
/** Signed out after this long without a request: about one long on-call shift. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Signed out after this long whatever happens: a stolen cookie does not live forever. */
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Sliding renewal writes at most once a minute per session, not on every request. */
const RENEW_AFTER_MS = 60_000;

/** Secure when configured so, or for 'auto' when this request itself came over TLS. */
export function isSecureRequest(request: FastifyRequest, cookieSecure: WebOptions['cookieSecure']): boolean {
  return cookieSecure === 'auto' ? request.protocol === 'https' : cookieSecure;
}

export function sessionCookieOptions(request: FastifyRequest, cookieSecure: WebOptions['cookieSecure']): CookieSerializeOptions {
  // Lax, not Strict: a link to the dashboard from chat or a ticket must arrive signed in; CSRF
  // tokens guard every state change, so Lax gives nothing away.
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureRequest(request, cookieSecure), signed: true, maxAge: SESSION_MAX_MS / 1000 };
}

export function idleExpiry(createdAt: number, now: number): number {
  return Math.min(now + SESSION_IDLE_MS, createdAt + SESSION_MAX_MS);
}

/** Pushes the idle expiry forward, throttled; never past the absolute limit. */
export async function renewSession(db: Kysely<Database>, session: SessionInfo, now = Date.now()): Promise<void> {
  const lastRenewedAt = session.expiresAt - SESSION_IDLE_MS;
  const next = idleExpiry(session.createdAt, now);
  if (now - lastRenewedAt >= RENEW_AFTER_MS && next > session.expiresAt) await extendSession(db, session.id, next);
}

/** The session token from the signed cookie, or null when absent or tampered with. */
export function readSessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * Signs a user in: any session the browser already had is deleted and a new id issued, so a
 * session id planted before sign-in (session fixation) is worth nothing after it.
 */
export async function startSession(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, userId: number, cookieSecure: WebOptions['cookieSecure']): Promise<void> {
  const previous = readSessionToken(request);
  if (previous) await deleteSession(db, previous);
  const now = Date.now();
  const token = await createSession(db, userId, idleExpiry(now, now), now);
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(request, cookieSecure));
}

export async function endSession(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, cookieSecure: WebOptions['cookieSecure']): Promise<void> {
  const token = readSessionToken(request);
  if (token) await deleteSession(db, token);
  clearSessionCookie(request, reply, cookieSecure);
}

/** Drops the session cookie with the attributes it was set with (a browser keeps it otherwise). */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, cookieSecure: WebOptions['cookieSecure']): void {
  const { maxAge: _unused, ...options } = sessionCookieOptions(request, cookieSecure);
  reply.clearCookie(SESSION_COOKIE, options);
}

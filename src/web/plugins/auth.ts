import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../../db/connect.js';
import { findActiveApiToken, touchApiToken } from '../../db/repositories/api-tokens.js';
import { findSession } from '../../db/repositories/sessions.js';
import type { WebOptions } from '../options.js';
import { CSRF_COOKIE, clearSessionCookie, isSecureRequest, readSessionToken, renewSession, SESSION_COOKIE } from '../session-cookie.js';
import type { Viewer } from '../viewer.js';

const anonymous: Viewer = Object.freeze({ userId: null, username: 'anonymous', role: 'viewer', via: 'anonymous' });

/**
 * Who is asking, on every request, in this order:
 * 1. `Authorization: Bearer <token>`: an API token. Unknown or revoked → 401 at once; a bad token
 *    never falls back to a cookie or to anonymous reading, so automation notices its mistake.
 * 2. The signed session cookie: a server-side row in `sessions` (any replica can read it).
 * 3. With anonymousRead, an anonymous viewer (wall screens); otherwise nobody (null).
 *
 * Sessions are our own ~100 lines over Kysely rather than @fastify/session: that plugin keys its
 * store by the raw session id (we store only its SHA-256), creates a session for every visitor
 * (our rows need a user), and hides the expiry and renewal logic we want to test directly.
 *
 * CSRF uses @fastify/csrf-protection in cookie mode: its secret lives in a signed cookie, so the
 * sign-in form is protected before any session exists.
 */
async function auth(app: FastifyInstance, opts: { options: WebOptions; handle: DatabaseHandle }) {
  const { options, handle } = opts;
  if (options.sessionSecret.length < 32) throw new Error('options.sessionSecret must be at least 32 characters');
  app.decorateRequest('viewer', null);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true },
  });
  // Only routes that ask for it (sign-in) are limited; the counters live in this process.
  await app.register(fastifyRateLimit, { global: false });

  app.addHook('onRequest', async (request, reply) => {
    if (isSecureRequest(request, options.cookieSecure)) secureCsrfCookie(reply);
    const authorization = request.headers.authorization;
    const bearer = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer) {
      const token = await findActiveApiToken(handle.db, bearer[1] ?? '');
      if (!token) return rejectToken(reply);
      request.viewer = { userId: null, username: `token:${token.name}`, role: token.role, via: 'token' };
      await touchApiToken(handle.db, token).catch((err) => request.log.warn({ err }, 'could not record API token use'));
      return;
    }
    request.viewer = (await sessionViewer(request, reply, handle, options)) ?? (options.anonymousRead ? anonymous : null);
  });
}

async function sessionViewer(request: FastifyRequest, reply: FastifyReply, handle: DatabaseHandle, options: WebOptions): Promise<Viewer | null> {
  if (!request.cookies[SESSION_COOKIE]) return null;
  const token = readSessionToken(request);
  const session = token ? await findSession(handle.db, token) : null;
  if (!session) {
    // Expired, signed out elsewhere, user disabled, or tampered with: drop the dead cookie.
    clearSessionCookie(request, reply, options.cookieSecure);
    return null;
  }
  await renewSession(handle.db, session);
  return { userId: session.userId, username: session.username, role: session.role, via: 'session' };
}

function rejectToken(reply: FastifyReply) {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer error="invalid_token"')
    .send({ error: 'invalid_token', message: 'The API token is unknown or revoked; create a new one with `sfd token create`.' });
}

/** The CSRF secret cookie gets the Secure flag when the request came over TLS ('auto'). */
function secureCsrfCookie(reply: FastifyReply) {
  const generate = reply.generateCsrf;
  reply.generateCsrf = (csrfOptions) => generate.call(reply, { secure: true, ...csrfOptions });
}

export const authPlugin = fp(auth, { name: 'auth', dependencies: ['security'] });

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../db/repositories/audit.js';
import { deleteExpiredSessions } from '../../db/repositories/sessions.js';
import { recordLogin } from '../../db/repositories/users.js';
import { authenticate, safeNext } from '../authenticate.js';
import type { WebDeps } from '../deps.js';
import { verifyCsrf, wantsHtml } from '../guards.js';
import { renderPage } from '../render.js';
import { endSession, startSession } from '../session-cookie.js';

/** Five tries a minute per address and username: enough for typos, useless for guessing. */
export const LOGIN_RATE_LIMIT = { max: 5, timeWindowMs: 60_000 };

interface LoginBody {
  username?: unknown;
  password?: unknown;
  next?: unknown;
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/** Sign in and out. */
export async function authRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const db = deps.handle.db;
  const { cookieSecure } = deps.options;

  const showLogin = (request: FastifyRequest, reply: FastifyReply, model: { next: string | null; username: string; error: string | null }) =>
    renderPage(request, reply, 'login', { title: 'Sign in', nav: 'login' }, model);

  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.viewer?.via === 'session') return reply.redirect(next ?? '/', 303);
    return showLogin(request, reply, { next, username: '', error: null });
  });

  app.post<{ Body: LoginBody }>(
    '/login',
    {
      preHandler: [verifyCsrf],
      config: {
        rateLimit: {
          max: LOGIN_RATE_LIMIT.max,
          timeWindow: LOGIN_RATE_LIMIT.timeWindowMs,
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => `${request.ip}|${text((request.body as LoginBody | undefined)?.username, 200).trim().toLowerCase()}`,
          errorResponseBuilder: (_request: FastifyRequest, context: { after: string }) =>
            Object.assign(new Error(`Too many sign-in attempts for this username from your address; wait ${context.after} and try again.`), {
              statusCode: 429,
              code: 'rate_limited',
            }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const username = text(body.username, 200);
      const next = safeNext(body.next);
      const result = await authenticate(db, username, text(body.password, 4096));
      if ('failure' in result) {
        await recordAudit(db, { username: username.slice(0, 64) || null, action: 'login_failed', targetType: 'user', details: { reason: result.failure }, ip: request.ip });
        reply.code(401);
        const error = 'Wrong username or password.';
        return wantsHtml(request) ? showLogin(request, reply, { next, username, error }) : { error: 'login_failed', message: error };
      }
      await startSession(db, request, reply, result.user.id, cookieSecure);
      await recordLogin(db, result.user.id);
      // Sign-ins are rare and the expiry is indexed: a cheap moment to sweep dead sessions.
      await deleteExpiredSessions(db);
      await recordAudit(db, { username: result.user.username, action: 'login', targetType: 'user', targetId: result.user.id, ip: request.ip });
      return reply.redirect(next ?? '/', 303);
    },
  );

  app.post('/logout', { preHandler: [verifyCsrf] }, async (request, reply) => {
    const viewer = request.viewer;
    await endSession(db, request, reply, cookieSecure);
    if (viewer?.via === 'session') await recordAudit(db, { username: viewer.username, action: 'logout', targetType: 'user', targetId: viewer.userId, ip: request.ip });
    return reply.redirect('/login', 303);
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from './viewer.js';

/** True when the caller wants HTML (a browser page) rather than JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  // Browsers always ask for text/html; curl, scripts and fetch() without a header get JSON.
  return (request.headers.accept ?? '').includes('text/html');
}

function deny(request: FastifyRequest, reply: FastifyReply, status: 401 | 403) {
  if (status === 401 && wantsHtml(request) && request.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const message = status === 401 ? 'Sign in first (or send an API token as Authorization: Bearer …).' : 'Your role may not do this; an admin can.';
  return reply.code(status).send({ error: status === 401 ? 'unauthorized' : 'forbidden', message });
}

/** preHandler for every page and read API route: a signed-in viewer, or anonymous reading when allowed. */
export async function requireViewer(request: FastifyRequest, reply: FastifyReply) {
  if (!request.viewer) return deny(request, reply, 401);
}

/**
 * Someone who can be named in the audit log: a signed-in user or an API token, never the anonymous
 * wall-screen reader (who reads but never acts).
 */
export function isAccountable(viewer: Viewer | null): viewer is Viewer {
  return viewer !== null && viewer.via !== 'anonymous';
}

/** preHandler for API actions any accountable viewer may take (acknowledge, poll now). */
export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply) {
  if (!isAccountable(request.viewer)) return deny(request, reply, 401);
}

/**
 * The same check for a page's form post, refused in words naming the action. With `loginNext`,
 * a browser is sent to sign in and then to that page; otherwise it gets the refusal page.
 */
export function requireSignedInTo(message: string, loginNext?: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (isAccountable(request.viewer)) return;
    if (loginNext !== undefined && wantsHtml(request)) return reply.redirect(`/login?next=${encodeURIComponent(loginNext)}`, 303);
    throw Object.assign(new Error(message), { statusCode: 401, code: 'unauthorized' });
  };
}

/** preHandler for admin pages and every mutating route. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (!isAccountable(request.viewer)) return deny(request, reply, 401);
  if (request.viewer.role !== 'admin') return deny(request, reply, 403);
}

type CsrfCheck = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

/**
 * preHandler for every state-changing route, after requireViewer/requireAdmin. Requests made with
 * a session cookie must carry the CSRF token (form field `_csrf` or header `x-csrf-token`); API
 * calls with a bearer token carry no ambient credential, so they need none.
 */
export async function verifyCsrf(request: FastifyRequest, reply: FastifyReply) {
  if (request.viewer?.via === 'token') return;
  const check = (request.server as unknown as { csrfProtection?: CsrfCheck }).csrfProtection;
  if (!check) return;
  await new Promise<void>((resolve, reject) => check(request, reply, (err) => (err ? reject(err) : resolve())));
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { wantsHtml } from '../guards.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page for browsers, JSON for everything else: same status, same words. */
function answer(request: FastifyRequest, reply: FastifyReply, status: number, error: string, message: string) {
  reply.code(status);
  if (!wantsHtml(request)) return reply.send({ error, message });
  const title = status === 404 ? 'Not found' : status >= 500 ? 'Server error' : 'Request refused';
  return reply
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/static/css/app.css"><link rel="icon" href="/static/favicon.svg"></head>` +
        `<body><main><h1>${title}</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to the fleet</a></p></main></body></html>`,
    );
}

/** One error handler for the whole app: client errors say what was wrong, server errors say nothing internal. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return answer(request, reply, status, 'internal_error', 'Something went wrong on the server; the process log has the details.');
    }
    return answer(request, reply, status, error.code ?? 'bad_request', error.message);
  });
  app.setNotFoundHandler((request, reply) => answer(request, reply, 404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
}

import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { buildApp } from '../../../src/web/app.js';
import type { WebOptions } from '../../../src/web/options.js';
import { requireAdmin, requireViewer, verifyCsrf } from '../../../src/web/guards.js';

/**
 * The app with three probe routes, so auth is tested without depending on other pages:
 * GET /probe/viewer (requireViewer), GET /probe/admin (requireAdmin), POST /probe/change (admin + CSRF).
 */
export async function buildProbedApp(handle: DatabaseHandle, options: Partial<WebOptions> = {}, logger?: FastifyBaseLogger): Promise<FastifyInstance> {
  const app = await buildApp({ handle, options, ...(logger ? { logger } : {}) });
  app.get('/probe/viewer', { preHandler: [requireViewer] }, async (request) => ({ viewer: request.viewer }));
  app.get('/probe/admin', { preHandler: [requireAdmin] }, async (request) => ({ viewer: request.viewer }));
  app.post('/probe/change', { preHandler: [requireAdmin, verifyCsrf] }, async () => ({ changed: true }));
  return app;
}

export function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** Merges the Set-Cookie answers of a response into a Cookie header (name=value; …). */
export function cookieJar(previous: string, setCookies: { name: string; value: string }[]): string {
  const jar = new Map(previous.split(/;\s*/).filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  for (const c of setCookies) {
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, encodeURIComponent(c.value));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

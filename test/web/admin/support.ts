import type { FastifyInstance, InjectOptions } from 'fastify';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { insertSystem } from '../../../src/db/repositories/systems.js';
import type { StoredSystem, SystemFields } from '../../../src/domain/system.js';
import { createSecretBox } from '../../../src/lib/secret-box.js';
import type { WebActions } from '../../../src/web/actions.js';
import { buildApp } from '../../../src/web/app.js';
import type { Viewer } from '../../../src/web/viewer.js';

export const box = createSecretBox('admin-tests-secret-key-'.repeat(2));
export const sealCredentials = (c: Record<string, string>) => box.seal(JSON.stringify({ username: c.username, password: c.password, apiToken: c.apiToken }));

/**
 * The app with a test-only sign-in: until the auth work lands, the header x-test-role (admin |
 * viewer) makes the request a signed-in user of that role; without it nobody is signed in.
 */
export async function buildAdminApp(handle: DatabaseHandle, actions: WebActions = { sealCredentials }): Promise<FastifyInstance> {
  const app = await buildApp({ handle, actions });
  app.addHook('onRequest', async (request) => {
    const role = request.headers['x-test-role'];
    if (role === 'admin' || role === 'viewer') {
      const viewer: Viewer = { userId: 1, username: `test-${role}`, role, via: 'session' };
      request.viewer = viewer;
    }
  });
  return app;
}

export const asAdmin = { 'x-test-role': 'admin', accept: 'text/html' };

/** A multipart/form-data body as a browser sends it; a { filename, content } value is a file upload. */
export async function multipart(fields: Record<string, string | { filename: string; content: string }>): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(key, value);
    else form.append(key, new Blob([value.content], { type: 'application/x-pem-file' }), value.filename);
  }
  const request = new Request('http://test.invalid/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') ?? '' } };
}

/** POSTs a form (multipart) as an admin, unless other headers are given. */
export async function postForm(app: FastifyInstance, url: string, fields: Record<string, string | { filename: string; content: string }>, headers: Record<string, string> = asAdmin) {
  const body = await multipart(fields);
  const options: InjectOptions = { method: 'POST', url, payload: body.payload, headers: { ...headers, ...body.headers } };
  return app.inject(options);
}

export function seedSystem(handle: DatabaseHandle, overrides: Partial<SystemFields> = {}, credentials: Record<string, string> = { username: 'monitor', password: 'stored-Pa55word!' }): Promise<StoredSystem> {
  return insertSystem(handle.db, {
    name: 'array-1',
    vendor: 'ontap',
    address: 'array-1.example',
    port: null,
    tls: { mode: 'system' },
    enabled: true,
    tags: ['prod'],
    credentialsSealed: sealCredentials(credentials),
    ...overrides,
  });
}

/** Pulls the text of the field error shown for `field` out of a rendered form. */
export function fieldError(html: string, field: string): string | null {
  const match = html.match(new RegExp(`<p class="field-error" id="error-${field}">([^<]*)</p>`));
  return match?.[1] ?? null;
}

/** POSTs an ordinary (url-encoded) form, as the small buttons of the list and the settings page do. */
export function postUrlencoded(app: FastifyInstance, url: string, fields: Record<string, string>, headers: Record<string, string> = asAdmin) {
  return app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
}

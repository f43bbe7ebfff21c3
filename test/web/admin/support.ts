import type { FastifyInstance, InjectOptions } from 'fastify';
import type { DatabaseHandle } from '../../../src/db/connect.js';
import { insertSystem } from '../../../src/db/repositories/systems.js';
import type { StoredSystem, SystemFields } from '../../../src/domain/system.js';
import { createSecretBox } from '../../../src/lib/secret-box.js';
import type { WebActions } from '../../../src/web/actions.js';
import { buildApp } from '../../../src/web/app.js';
import { type SignedIn, signIn } from '../../helpers/web-auth.js';

export const box = createSecretBox('admin-tests-secret-key-'.repeat(2));
export const sealCredentials = (c: Record<string, string>) => box.seal(JSON.stringify({ username: c.username, password: c.password, apiToken: c.apiToken }));

export type Role = 'admin' | 'viewer';

/** A browser for app.inject: the headers it sends, and the hidden `_csrf` field its forms carry. */
export interface Browser {
  headers: Record<string, string>;
  csrf: Record<string, string>;
}

const browsers = new WeakMap<FastifyInstance, Record<Role, SignedIn>>();

/** The app with two real sessions (test-admin and test-viewer) made through the auth helpers. */
export async function buildAdminApp(handle: DatabaseHandle, actions: WebActions = { sealCredentials }): Promise<FastifyInstance> {
  const app = await buildApp({ handle, actions });
  await app.ready();
  browsers.set(app, { admin: await signIn(app, handle, 'admin'), viewer: await signIn(app, handle, 'viewer') });
  return app;
}

/** A browser signed in as `role` on this app (anonymous: no cookie at all), asking for HTML. */
export function browser(app: FastifyInstance, role: Role | 'anonymous'): Browser {
  if (role === 'anonymous') return { headers: { accept: 'text/html' }, csrf: {} };
  const session = browsers.get(app)?.[role];
  if (!session) throw new Error('build the app with buildAdminApp first');
  return { headers: { accept: 'text/html', cookie: session.cookie }, csrf: { _csrf: session.csrfToken } };
}

/** Headers of a page view by the signed-in admin. */
export const asAdmin = (app: FastifyInstance) => browser(app, 'admin').headers;

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

/** POSTs a form (multipart, with the hidden `_csrf` field) as the signed-in admin, unless another browser is given. */
export async function postForm(app: FastifyInstance, url: string, fields: Record<string, string | { filename: string; content: string }>, who: Browser = browser(app, 'admin'), extraHeaders: Record<string, string> = {}) {
  const body = await multipart({ ...who.csrf, ...fields });
  const options: InjectOptions = { method: 'POST', url, payload: body.payload, headers: { ...who.headers, ...extraHeaders, ...body.headers } };
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

/** POSTs an ordinary (url-encoded) form with its `_csrf` field, as the small buttons of the list and the settings page do. */
export function postUrlencoded(app: FastifyInstance, url: string, fields: Record<string, string>, who: Browser = browser(app, 'admin')) {
  return app.inject({ method: 'POST', url, payload: new URLSearchParams({ ...who.csrf, ...fields }).toString(), headers: { ...who.headers, 'content-type': 'application/x-www-form-urlencoded' } });
}

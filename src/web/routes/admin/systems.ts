import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { systemEditRoutes } from './system-edit.js';
import { systemTestRoutes } from './system-test.js';
import { systemsListRoutes } from './systems-list.js';

/** /admin/systems: list, create, edit, delete, enable/disable, test connection. */
export async function adminSystemRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  await app.register(systemsListRoutes, deps);
  // The system form is multipart (a CA bundle may be uploaded). Registered only in this scope, and
  // small: a CA bundle is a few kilobytes, and the form has a dozen fields.
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 256 * 1024, files: 1, fields: 40, fieldSize: 256 * 1024, parts: 45 } });
    await scope.register(systemEditRoutes, deps);
    await scope.register(systemTestRoutes, deps);
  });
}

import type { FastifyError, FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { alertRoutes } from './alerts.js';
import { capacityRoutes } from './capacity.js';
import { logRoutes } from './logs.js';
import { registerOpenApi } from './openapi.js';
import { pollRoutes } from './poll.js';
import { sharedSchemas } from './schemas.js';
import { acceptEmptyJson, rejectUnknownFields } from './strict-body.js';
import { systemReadRoutes } from './systems-read.js';
import { systemWriteRoutes } from './systems-write.js';

/** The JSON API under /api/v1 and its OpenAPI document at /api/docs. */
export async function apiRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  for (const schema of sharedSchemas) app.addSchema(schema);
  await registerOpenApi(app);
  app.addHook('onRoute', rejectUnknownFields);
  acceptEmptyJson(app);
  // Same {error, message} shape as every other error, with a stable code for schema failures.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) return reply.code(400).send({ error: 'invalid_request', message: error.message });
    throw error;
  });
  await app.register(
    async (v1) => {
      await systemReadRoutes(v1, deps);
      await systemWriteRoutes(v1, deps);
      await alertRoutes(v1, deps);
      await capacityRoutes(v1, deps);
      await logRoutes(v1, deps);
      await pollRoutes(v1, deps);
    },
    { prefix: '/api/v1' },
  );
}

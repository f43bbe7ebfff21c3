import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The hash of the one <style> element Swagger UI's bundle inserts (see the Content-Security-Policy note below). */
export const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

export const API_TAGS = [
  { name: 'systems', description: 'Configured storage systems and their latest state' },
  { name: 'alerts', description: 'Open and resolved alerts across the fleet' },
  { name: 'capacity', description: 'Capacity history' },
  { name: 'logs', description: 'The per-system diary the poller writes' },
  { name: 'polling', description: 'Ask for a poll now' },
];

/**
 * The OpenAPI document of /api/v1, built from the route schemas, with Swagger UI at /api/docs.
 * Registered inside the API plugin so it sees exactly the API routes. Swagger UI's assets come
 * from its npm package (no CDN) and it needs no inline script. Its React bundle inserts one small
 * <style> element, though; rather than 'unsafe-inline', the pages under /api/docs alone allow that
 * one element by its hash (swagger-ui-bundle 5.x as pinned in package-lock; a new version with a
 * different style only costs cosmetics and a console message, never a looser policy).
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Storage Fleet Dashboard API',
        version: '1',
        description:
          'Read and manage the storage fleet. Send an API token (`sfd token create`) as `Authorization: Bearer …`; ' +
          'a browser session works too (state-changing calls then need the `x-csrf-token` header). ' +
          'Errors are always `{ "error": code, "message": words }`. Times are epoch milliseconds.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from `sfd token create`.' } },
      },
      security: [{ bearerAuth: [] }],
      tags: API_TAGS,
    },
    // Components named after the schemas' $id (ApiError, Alert…) rather than def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    // Never ask validator.swagger.io about the document: air-gapped sites, and no third-party calls.
    validatorUrl: false,
    // swagger-ui scopes this hook to its own routes (/api/docs…); every other page keeps the strict policy.
    transformStaticCSP: (header) => header.replace("style-src 'self'", `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`),
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

interface ObjectSchema {
  type?: unknown;
  required?: string[];
  properties?: Record<string, ObjectSchema>;
  additionalProperties?: unknown;
}

/** Paths of fields the schema does not allow, e.g. ["password", "tls.extra"]. */
export function unknownFields(schema: ObjectSchema | undefined, value: unknown, path = ''): string[] {
  if (!schema?.properties || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const where = path ? `${path}.${key}` : key;
    const known = schema.properties[key];
    if (known) found.push(...unknownFields(known, child, where));
    else if (schema.additionalProperties === false) found.push(where);
  }
  return found;
}

/**
 * Fastify's validator silently strips fields a body schema does not name (removeAdditional), so
 * a misspelt "enabeld" would be ignored and the caller told it worked. The API refuses them instead;
 * this runs before validation, while the body still holds them.
 */
export function rejectUnknownFields(route: RouteOptions): void {
  const schema = route.schema?.body as ObjectSchema | undefined;
  if (!schema) return;
  const optional = !schema.required || schema.required.length === 0;
  const check = async (request: FastifyRequest, reply: FastifyReply) => {
    // A body whose fields are all optional may be left out entirely (curl -X POST without -d).
    if (request.body === undefined && optional) request.body = {};
    const extra = unknownFields(schema, request.body);
    if (extra.length === 0) return;
    return reply.code(400).send({ error: 'invalid_request', message: `unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}` });
  };
  const existing = route.preValidation ? [route.preValidation].flat() : [];
  route.preValidation = [...existing, check];
}

type JsonParser = (request: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void) => void;

/**
 * Many HTTP clients send `content-type: application/json` with an empty body on DELETE or on a
 * bodiless POST; Fastify refuses that with a 400. The API reads such a body as absent and leaves
 * everything else to Fastify's own parser (with its prototype-poisoning protection).
 */
export function acceptEmptyJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error') as unknown as JsonParser;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    parse(request, String(body), done);
  });
}

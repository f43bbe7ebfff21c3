import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

interface ObjectSchema {
  type?: unknown;
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
  const check = async (request: FastifyRequest, reply: FastifyReply) => {
    const extra = unknownFields(schema, request.body);
    if (extra.length === 0) return;
    return reply.code(400).send({ error: 'invalid_request', message: `unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}` });
  };
  const existing = route.preValidation ? [route.preValidation].flat() : [];
  route.preValidation = [...existing, check];
}

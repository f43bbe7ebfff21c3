import type { FastifyInstance } from 'fastify';
import { listLogEntries } from '../../../db/repositories/api-queries.js';
import { logCategories, logLevels } from '../../../system-log/types.js';
import type { WebDeps } from '../../deps.js';
import { readAccess } from './access.js';
import { errors, nullable } from './schemas.js';

interface LogQuery {
  systemId?: number;
  level?: string;
  category?: string;
  from?: number;
  to?: number;
  before?: string;
  limit: number;
}

const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    systemId: nullable('integer'),
    at: { type: 'integer' },
    level: { type: 'string' },
    category: { type: 'string' },
    message: { type: 'string' },
    details: { type: ['object', 'null'], additionalProperties: true },
    httpStatus: nullable('integer'),
    endpoint: nullable('string'),
  },
} as const;

/** The cursor is "<at>.<id>" of the last entry of a page: ids alone are not in time order. */
const cursorPattern = '^[0-9]{1,15}\\.[0-9]{1,19}$';

export async function logRoutes(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get<{ Querystring: LogQuery }>(
    '/logs',
    {
      ...readAccess,
      schema: {
        tags: ['logs'],
        summary: 'System-log entries, newest first, filtered and paged',
        description: 'Page on by passing the previous answer\'s `nextBefore` as `before`. `from`/`to` are epoch ms, inclusive.',
        querystring: {
          type: 'object',
          properties: {
            systemId: { type: 'integer', minimum: 1 },
            level: { type: 'string', enum: logLevels },
            category: { type: 'string', enum: logCategories },
            from: { type: 'integer', minimum: 0 },
            to: { type: 'integer', minimum: 0 },
            before: { type: 'string', pattern: cursorPattern },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['entries', 'nextBefore'],
            properties: { entries: { type: 'array', items: entrySchema }, nextBefore: nullable('string') },
          },
          ...errors(400, 401),
        },
      },
    },
    async (request, reply) => {
      const { before, ...filters } = request.query;
      if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
        return reply.code(400).send({ error: 'invalid_request', message: '"from" is after "to"' });
      }
      const [at, id] = before ? before.split('.').map(Number) : [];
      const cursor = at !== undefined && id !== undefined ? { at, id } : undefined;
      const entries = await listLogEntries(deps.handle.db, { ...filters, ...(cursor ? { before: cursor } : {}) });
      const last = entries.at(-1);
      return { entries, nextBefore: last && entries.length === filters.limit ? `${last.at}.${last.id}` : null };
    },
  );
}

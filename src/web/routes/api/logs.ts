import type { FastifyInstance } from 'fastify';
import { parseDetails } from '../../../db/repositories/json-details.js';
import { listLogs } from '../../../db/repositories/logs.js';
import { logCategories, logLevels } from '../../../system-log/types.js';
import type { WebDeps } from '../../deps.js';
import { formatLogCursor, LOG_CURSOR_PATTERN, parseLogCursor } from '../../log-cursor.js';
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
            before: { type: 'string', pattern: LOG_CURSOR_PATTERN },
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
      const { limit, to, ...filter } = filters;
      const cursor = before ? parseLogCursor(before) : null;
      if (before && !cursor) return reply.code(400).send({ error: 'invalid_request', message: '"before" is not a cursor this API wrote' });
      // The API's `to` is inclusive, the repository's exclusive: times are whole milliseconds.
      const entries = await listLogs(deps.handle.db, { ...filter, ...(to !== undefined ? { to: to + 1 } : {}) }, { limit, ...(cursor ? { before: cursor } : {}) });
      const last = entries.at(-1);
      return {
        entries: entries.map((entry) => ({ ...entry, details: parseDetails(entry.details) })),
        nextBefore: last && entries.length === limit ? formatLogCursor(last) : null,
      };
    },
  );
}

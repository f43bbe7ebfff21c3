import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { iterateLogs, type LogCursor, type LogFilter, listLogs } from '../../../db/repositories/logs.js';
import type { Database } from '../../../db/schema.js';
import { logCategories, logLevels } from '../../../system-log/types.js';
import { attachmentName, formatCsvRow } from '../../csv.js';
import type { WebDeps } from '../../deps.js';
import { BadParamError, enumParam, idParam, type Query, textParam, utcDateTimeParam } from '../../filter-params.js';
import { requireViewer } from '../../guards.js';
import { parseLogCursor } from '../../log-cursor.js';
import { LOGS_CSV_HEADER, logCsvRow, presentLogsPage, systemNamer } from '../../presenters/logs-page.js';
import { renderPage } from '../../render.js';

const PAGE = 100;

export function parseLogFilter(query: Query): LogFilter {
  const systemId = idParam(query, 'system');
  const level = enumParam(query, 'level', logLevels);
  const category = enumParam(query, 'category', logCategories);
  const from = utcDateTimeParam(query, 'from');
  const to = utcDateTimeParam(query, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw new BadParamError('from must be earlier than to');
  return {
    ...(systemId !== undefined ? { systemId } : {}),
    ...(level ? { level } : {}),
    ...(category ? { category } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
}

function parseBefore(query: Query): LogCursor | undefined {
  const value = textParam(query, 'before');
  if (value === undefined) return undefined;
  const cursor = parseLogCursor(value);
  if (!cursor) throw new BadParamError(`before must look like <time>.<id>, as the "Older" link writes it (got "${value.slice(0, 40)}")`);
  return cursor;
}

/** Header, then every matching entry in keyset batches: the export never holds the table in memory. */
async function* csvLines(db: Kysely<Database>, filter: LogFilter, nameOf: (id: number | null) => string) {
  yield formatCsvRow(LOGS_CSV_HEADER);
  for await (const entry of iterateLogs(db, filter)) yield formatCsvRow(logCsvRow(entry, nameOf));
}

/** The system log across the fleet: filters in the URL, keyset pages, CSV of the same filters. */
export async function logPages(app: FastifyInstance, deps: WebDeps): Promise<void> {
  app.get('/logs', { preHandler: requireViewer }, async (request, reply) => {
    const query = request.query as Query;
    const filter = parseLogFilter(query);
    const before = parseBefore(query);
    const entries = await listLogs(deps.handle.db, filter, before === undefined ? { limit: PAGE + 1 } : { limit: PAGE + 1, before });
    const model = presentLogsPage({ filter, before, limit: PAGE, entries, systems: deps.fleet.current().systems });
    return renderPage(request, reply, 'logs', { title: 'System log', nav: 'logs' }, model);
  });

  app.get('/logs.csv', { preHandler: requireViewer }, async (request, reply) => {
    const filter = parseLogFilter(request.query as Query);
    const nameOf = systemNamer(deps.fleet.current().systems);
    reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentName('system-log', Date.now()));
    return reply.send(Readable.from(csvLines(deps.handle.db, filter, nameOf)));
  });
}

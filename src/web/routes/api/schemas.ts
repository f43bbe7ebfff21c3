import { ALERT_SEVERITIES, HEALTHS, REACHABILITIES, TOPOLOGIES, VENDORS } from '../../../domain/snapshot.js';

/**
 * JSON schemas shared by the API routes. Response schemas list every field on purpose: Fastify
 * serializes only what they name, so a column added later (a sealed credential, say) cannot leak.
 */

export const nullable = <T extends string>(type: T) => ({ type: [type, 'null'] }) as const;

export const errorSchema = {
  $id: 'ApiError',
  type: 'object',
  description: 'Every error: a stable code and plain words for the operator.',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

const errorRef = { $ref: 'ApiError#' } as const;

/** Error responses by status, for the routes that can give them. */
export function errors(...codes: number[]): Record<number, typeof errorRef> {
  return Object.fromEntries(codes.map((c) => [c, errorRef]));
}

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;

const counts = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, { type: 'integer' }]));

export const capacitySchema = {
  type: ['object', 'null'],
  required: ['totalBytes', 'usedBytes', 'freeBytes', 'percentUsed'],
  properties: {
    totalBytes: { type: 'number' },
    usedBytes: { type: 'number' },
    freeBytes: { type: 'number' },
    percentUsed: nullable('number'),
  },
} as const;

/** One system as the list shows it. */
export const systemSummaryProperties = {
  id: { type: 'integer' },
  name: { type: 'string' },
  vendor: { type: 'string', enum: VENDORS },
  address: { type: 'string' },
  port: nullable('integer'),
  enabled: { type: 'boolean' },
  tags: { type: 'array', items: { type: 'string' } },
  topology: { type: ['string', 'null'], enum: [...TOPOLOGIES, null] },
  health: { type: 'string', enum: HEALTHS },
  reachability: { type: 'string', enum: REACHABILITIES },
  stale: { type: 'boolean', description: 'The last good poll is more than three poll intervals old.' },
  message: { ...nullable('string'), description: "The poller's last word on the system (what failed), or null." },
  capacity: capacitySchema,
  alerts: { type: 'object', description: 'Open alerts by severity (acknowledged ones included).', required: [...ALERT_SEVERITIES], properties: counts },
  lastPolledAt: { ...nullable('integer'), description: 'Epoch milliseconds.' },
  lastOkAt: { ...nullable('integer'), description: 'Epoch milliseconds of the last poll that reached the system.' },
} as const;

export const SYSTEM_SUMMARY_FIELDS = Object.keys(systemSummaryProperties);

export const systemSummarySchema = {
  $id: 'SystemSummary',
  type: 'object',
  required: SYSTEM_SUMMARY_FIELDS,
  properties: systemSummaryProperties,
} as const;

export const alertSchema = {
  $id: 'Alert',
  type: 'object',
  required: ['id', 'systemId', 'systemName', 'vendor', 'severity', 'title'],
  properties: {
    id: { type: 'integer' },
    systemId: { type: 'integer' },
    systemName: { type: 'string' },
    vendor: { type: 'string', enum: VENDORS },
    vendorAlertId: { type: 'string' },
    severity: { type: 'string', enum: ALERT_SEVERITIES },
    title: { type: 'string' },
    detail: nullable('string'),
    component: nullable('string'),
    raisedAt: nullable('integer'),
    firstSeenAt: { type: 'integer' },
    lastSeenAt: { type: 'integer' },
    resolvedAt: nullable('integer'),
    acknowledgedBy: nullable('string'),
    acknowledgedAt: nullable('integer'),
    ackComment: nullable('string'),
  },
} as const;

/** Registered once on the API instance so routes can `$ref` them and OpenAPI lists them as components. */
export const sharedSchemas = [errorSchema, systemSummarySchema, alertSchema];

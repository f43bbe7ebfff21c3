import { COMPONENT_KINDS, COMPONENT_STATES, REPLICATION_KINDS, REPLICATION_STATES } from '../../../domain/snapshot.js';
import { TLS_MODES } from '../../../domain/system.js';
import { nullable, SYSTEM_SUMMARY_FIELDS, systemSummaryProperties } from './schemas.js';

/** GET /systems/:id: the list item's fields plus what the system page shows. Never credentials. */
export const systemDetailSchema = {
  $id: 'SystemDetail',
  type: 'object',
  required: [...SYSTEM_SUMMARY_FIELDS, 'tls', 'identity', 'components', 'openAlerts'],
  properties: {
    ...systemSummaryProperties,
    tls: {
      type: 'object',
      description: 'How the certificate is checked; a CA certificate itself is not repeated here.',
      properties: { mode: { type: 'string', enum: TLS_MODES }, fingerprintSha256: nullable('string') },
    },
    identity: {
      type: ['object', 'null'],
      properties: {
        model: nullable('string'),
        serial: nullable('string'),
        osVersion: nullable('string'),
        apiVersion: nullable('string'),
      },
    },
    components: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: COMPONENT_KINDS },
          name: { type: 'string' },
          state: { type: 'string', enum: COMPONENT_STATES },
          rawState: { type: 'string' },
          detail: nullable('string'),
        },
      },
    },
    replication: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: REPLICATION_KINDS },
          name: { type: 'string' },
          partner: nullable('string'),
          state: { type: 'string', enum: REPLICATION_STATES },
          rawState: { type: 'string' },
          lagSeconds: nullable('number'),
        },
      },
    },
    openAlerts: { type: 'array', items: { $ref: 'Alert#' } },
    unacknowledgedAlerts: { type: 'integer' },
    pollDurationMs: nullable('integer'),
    consecutiveFailures: { type: 'integer' },
    createdAt: { type: 'integer' },
    updatedAt: { type: 'integer' },
  },
} as const;

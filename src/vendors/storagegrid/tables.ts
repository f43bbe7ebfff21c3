import { isOneOf, unmatched } from '../../domain/enums.js';
import type { AlertSeverity, ComponentState } from '../../domain/snapshot.js';
import {
  SG_ALERT_SEVERITIES,
  SG_CONNECTION_STATES,
  SG_NODE_TYPES,
  type SgAlertSeverity,
  type SgConnectionState,
  type SgNodeType,
} from './wire.js';

/**
 * The explicit StorageGRID → domain tables. Each switch is exhaustive over the spec's enum (a new
 * enum member is a compile error here); a value the spec does not know arrives as a plain string
 * and takes the documented fallback instead of failing the poll.
 */

/**
 * Alert severity (`labels.severity`). StorageGRID's minor means "abnormal, act when convenient",
 * which is our warning; its major and critical match ours by name and meaning. An unknown
 * severity becomes warning: never silently info, never a false critical.
 */
export function mapAlertSeverity(raw: string): AlertSeverity {
  if (!isOneOf<SgAlertSeverity>(SG_ALERT_SEVERITIES, raw)) return 'warning';
  switch (raw) {
    case 'critical':
      return 'critical';
    case 'major':
      return 'major';
    case 'minor':
      return 'warning';
    default:
      return unmatched(raw, 'warning');
  }
}

/**
 * Connection state of a node or site. `unknown` is StorageGRID's word for "unexpectedly offline
 * and disconnected from the grid", i.e. a failure, not our 'unknown' (which means "no data").
 * `administratively-down` is an expected, operator-initiated outage: offline.
 */
export function mapConnectionState(raw: string): ComponentState {
  if (!isOneOf<SgConnectionState>(SG_CONNECTION_STATES, raw)) return 'unknown';
  switch (raw) {
    case 'connected':
      return 'ok';
    case 'administratively-down':
      return 'offline';
    case 'unknown':
      return 'failed';
    default:
      return unmatched(raw, 'unknown');
  }
}

/** Human label of a node type, for component details. */
export function nodeTypeLabel(raw: string): string {
  if (!isOneOf<SgNodeType>(SG_NODE_TYPES, raw)) return `node of type "${raw}"`;
  switch (raw) {
    case 'adminNode':
      return 'Admin Node';
    case 'storageNode':
      return 'Storage Node';
    case 'apiGatewayNode':
      return 'Gateway Node';
    default:
      return unmatched(raw, `node of type "${String(raw)}"`);
  }
}

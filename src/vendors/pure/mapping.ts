import { isOneOf, unmatched } from '../../domain/enums.js';
import type { AlertSeverity, ComponentKind, ComponentState, ReplicationState } from '../../domain/snapshot.js';

/**
 * The explicit tables from FlashArray words onto the common model. Vendor strings are open-ended
 * (new Purity releases add values), so each table first narrows the string to the values the spec
 * documents, then switches exhaustively; anything else lands on `unknown` (or `warning` for alert
 * severities, which have no unknown) instead of throwing.
 */

export const PURE_ALERT_SEVERITIES = ['critical', 'warning', 'info', 'hidden'] as const;

/** Pure has no "major"; `hidden` alerts are internal bookkeeping, kept but informational. */
export function mapAlertSeverity(raw: string): AlertSeverity {
  const v = raw.toLowerCase();
  if (!isOneOf(PURE_ALERT_SEVERITIES, v)) return 'warning';
  switch (v) {
    case 'critical':
      return 'critical';
    case 'warning':
      return 'warning';
    case 'info':
    case 'hidden':
      return 'info';
    default:
      return unmatched(v, 'warning');
  }
}

export const PURE_CONTROLLER_STATUSES = ['ready', 'not ready', 'updating', 'unknown'] as const;

/**
 * `updating` is a controller mid-upgrade: planned, but the array runs without redundancy, so it is
 * degraded rather than failed (the earlier tool called it an error). A controller whose mode is
 * `not present` is an empty slot.
 */
export function mapControllerState(status: string, mode: string | null | undefined): ComponentState {
  if (mode?.toLowerCase() === 'not present') return 'absent';
  const v = status.toLowerCase().replace(/_/g, ' ');
  if (!isOneOf(PURE_CONTROLLER_STATUSES, v)) return 'unknown';
  switch (v) {
    case 'ready':
      return 'ok';
    case 'updating':
      return 'degraded';
    case 'not ready':
      return 'failed';
    case 'unknown':
      return 'unknown';
    default:
      return unmatched(v, 'unknown');
  }
}

/** Spec values plus `ok` and `not_installed`, which arrays in the field also answer. */
export const PURE_HARDWARE_STATUSES = ['healthy', 'ok', 'identifying', 'unhealthy', 'critical', 'unused', 'not_installed', 'unknown'] as const;

export function mapHardwareState(status: string): ComponentState {
  const v = status.toLowerCase();
  if (!isOneOf(PURE_HARDWARE_STATUSES, v)) return 'unknown';
  switch (v) {
    case 'healthy':
    case 'ok':
    case 'identifying': // the locate LED is on; the part itself is fine
      return 'ok';
    case 'unhealthy':
      return 'degraded';
    case 'critical':
      return 'failed';
    case 'unused':
    case 'not_installed':
      return 'absent';
    case 'unknown':
      return 'unknown';
    default:
      return unmatched(v, 'unknown');
  }
}

export const PURE_HARDWARE_TYPES = ['bay', 'ct', 'ch', 'eth', 'fan', 'fb', 'fc', 'fm', 'ib', 'iom', 'nvb', 'pwr', 'sas', 'sh', 'tmp'] as const;

export function mapHardwareKind(type: string): ComponentKind {
  const v = type.toLowerCase();
  if (!isOneOf(PURE_HARDWARE_TYPES, v)) return 'other';
  switch (v) {
    case 'ct':
      return 'controller';
    case 'ch':
      return 'chassis';
    case 'sh':
      return 'shelf';
    case 'bay':
    case 'nvb': // NVRAM bay: a drive slot holding an NVRAM module
      return 'drive';
    case 'pwr':
      return 'psu';
    case 'fan':
      return 'fan';
    case 'tmp':
      return 'temp_sensor';
    case 'eth':
    case 'fc':
    case 'ib':
    case 'sas':
      return 'port';
    case 'fb':
    case 'fm':
    case 'iom':
      return 'other';
    default:
      return unmatched(v, 'other');
  }
}

export const PURE_DRIVE_STATUSES = [
  'healthy',
  'empty',
  'failed',
  'identifying',
  'missing',
  'recovering',
  'unadmitted',
  'unhealthy',
  'unrecognized',
  'updating',
] as const;

/** `unadmitted`: a new drive waiting for an operator to admit it, so present but not serving. */
export function mapDriveState(status: string): ComponentState {
  const v = status.toLowerCase();
  if (!isOneOf(PURE_DRIVE_STATUSES, v)) return 'unknown';
  switch (v) {
    case 'healthy':
    case 'identifying':
    case 'updating': // firmware update, redundancy kept by the RAID layer
      return 'ok';
    case 'empty':
      return 'absent';
    case 'recovering':
    case 'unhealthy':
      return 'degraded';
    case 'unadmitted':
      return 'offline';
    case 'failed':
    case 'missing':
    case 'unrecognized':
      return 'failed';
    default:
      return unmatched(v, 'unknown');
  }
}

export const PURE_CONNECTION_STATUSES = ['connected', 'connecting', 'partially_connected', 'unbalanced'] as const;

/** `connecting` means the arrays cannot talk right now: replication is not happening. */
export function mapConnectionState(status: string): ReplicationState {
  const v = status.toLowerCase();
  if (!isOneOf(PURE_CONNECTION_STATUSES, v)) return 'unknown';
  switch (v) {
    case 'connected':
      return 'ok';
    case 'partially_connected':
    case 'unbalanced':
      return 'degraded';
    case 'connecting':
      return 'broken';
    default:
      return unmatched(v, 'unknown');
  }
}

export const PURE_POD_ARRAY_STATUSES = ['online', 'resyncing', 'suspended', 'offline', 'unknown'] as const;

/** `suspended` is a short connection glitch (Purity 6.6+), `offline` a member without current data. */
export function mapPodArrayState(status: string): ReplicationState {
  const v = status.toLowerCase();
  if (!isOneOf(PURE_POD_ARRAY_STATUSES, v)) return 'unknown';
  switch (v) {
    case 'online':
      return 'ok';
    case 'resyncing':
    case 'suspended':
      return 'degraded';
    case 'offline':
      return 'broken';
    case 'unknown':
      return 'unknown';
    default:
      return unmatched(v, 'unknown');
  }
}

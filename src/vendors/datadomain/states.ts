import { isOneOf, unmatched } from '../../domain/enums.js';
import type { AlertSeverity, ComponentState, ReplicationState } from '../../domain/snapshot.js';
import {
  DD_ALERT_SEVERITIES,
  DD_DISK_STATUSES,
  DD_MTREE_REPL_STATES,
  DD_SERVICE_STATUSES,
  type DdAlertSeverity,
  type DdDiskStatus,
  type DdMtreeReplState,
  type DdServiceStatusValue,
} from './wire.js';

/**
 * Data Domain's words mapped onto the domain's scales. Closed spec enums go through exhaustive
 * switches; values outside them (newer DDOS releases) fall back without throwing.
 */

/**
 * The spec's syslog-style scale has no "major": ERROR is the "act soon" level, and ALERT/EMERGENCY
 * are above CRITICAL. An unknown severity is shown as a warning rather than hidden as info.
 */
export const ALERT_SEVERITY_TABLE: Readonly<Record<DdAlertSeverity, AlertSeverity>> = {
  EMERGENCY: 'critical',
  ALERT: 'critical',
  CRITICAL: 'critical',
  ERROR: 'major',
  WARNING: 'warning',
  NOTICE: 'info',
  INFO: 'info',
  DEBUG: 'info',
};

export function mapAlertSeverity(raw: string | null): AlertSeverity {
  const upper = raw?.toUpperCase();
  return isOneOf(DD_ALERT_SEVERITIES, upper) ? ALERT_SEVERITY_TABLE[upper] : 'warning';
}

function diskState(status: DdDiskStatus): ComponentState {
  switch (status) {
    case 'SYSTEM':
    case 'IN_USE':
    case 'SPARE':
    case 'AVAILABLE':
    case 'KNOWN':
      return 'ok';
    // Rebuilding onto a spare: redundancy is reduced until it finishes.
    case 'RECONSTRUCTION':
    // A disk from another system or one DDOS cannot use: needs an operator, not broken.
    case 'FOREIGN':
    case 'INVALID':
      return 'degraded';
    case 'ERROR':
    case 'FAILED':
      return 'failed';
    case 'POWERED_OFF':
      return 'offline';
    case 'ABSENT':
    case 'NOT_INSTALLED':
      return 'absent';
    case 'UNKNOWN':
    // Waiting for an operation DDOS does not describe: neither confirmed fine nor broken.
    case 'PENDING':
      return 'unknown';
    default:
      return unmatched(status, 'unknown');
  }
}

export function mapDiskStatus(raw: string | null): ComponentState {
  const upper = raw?.toUpperCase();
  return isOneOf(DD_DISK_STATUSES, upper) ? diskState(upper) : 'unknown';
}

/**
 * A DISABLED or NOT_SET service is usually a feature not licensed or not used (vtl, cifs), so it
 * counts as absent — except the file system, without which the system stores no backups at all.
 */
function serviceState(status: DdServiceStatusValue, name: string): ComponentState {
  switch (status) {
    case 'ENABLED':
    case 'SET':
      return 'ok';
    case 'DISABLED':
    case 'NOT_SET':
      return name === 'filesys' ? 'offline' : 'absent';
    case 'ERROR':
      return 'failed';
    default:
      return unmatched(status, 'unknown');
  }
}

export function mapServiceStatus(raw: string | null, name: string): ComponentState {
  const upper = raw?.toUpperCase();
  return isOneOf(DD_SERVICE_STATUSES, upper) ? serviceState(upper, name) : 'unknown';
}

/**
 * HA node and pair states are free strings in the spec; these are the words DDOS uses. Compared
 * lower-cased with separators folded, so "Highly Available" and "highly_available" match.
 */
const HA_STATE_TABLE: Readonly<Record<string, ComponentState>> = {
  normal: 'ok',
  online: 'ok',
  ok: 'ok',
  highly_available: 'ok',
  active: 'ok',
  standby: 'ok',
  running: 'ok',
  up: 'ok',
  degraded: 'degraded',
  failing_over: 'degraded',
  recovering: 'degraded',
  offline: 'offline',
  down: 'failed',
  failed: 'failed',
  error: 'failed',
  critical: 'failed',
};

export function mapHaState(raw: string | null): ComponentState {
  if (raw === null) return 'unknown';
  const key = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return Object.hasOwn(HA_STATE_TABLE, key) ? (HA_STATE_TABLE[key] ?? 'unknown') : 'unknown';
}

function mtreeState(state: DdMtreeReplState): ReplicationState {
  switch (state) {
    case 'NORMAL':
      return 'ok';
    // No complete copy exists at the destination yet, or the link is being rebuilt.
    case 'CONNECTING':
    case 'INITIALIZING':
    case 'RESYNCING':
    case 'RECOVERING':
      return 'degraded';
    // Configured but never initialized: there is no recovery point at all.
    case 'UNINITIALIZED':
      return 'broken';
    default:
      return unmatched(state, 'unknown');
  }
}

/** Flags outrank the state word: a disabled context is paused, one needing resync is broken. */
export function mapMtreeReplication(raw: string | null, flags: { enabled: boolean | null; needResync: boolean | null; connected: boolean | null }): ReplicationState {
  if (flags.enabled === false) return 'paused';
  if (flags.needResync === true) return 'broken';
  const upper = raw?.toUpperCase();
  const state = isOneOf(DD_MTREE_REPL_STATES, upper) ? mtreeState(upper) : 'unknown';
  return state === 'ok' && flags.connected === false ? 'degraded' : state;
}

/**
 * NICs have no status word, only flags. A disabled port is one the site does not use (DD ships
 * more ports than most sites cable), so it is absent; an enabled port without link lost its path.
 */
export function mapNic(flags: { enabled: boolean | null; upState: boolean | null; hasLink: boolean | null }): { state: ComponentState; raw: string } {
  if (flags.enabled === false) return { state: 'absent', raw: 'disabled' };
  if (flags.upState === false) return { state: 'degraded', raw: 'down' };
  if (flags.hasLink === false) return { state: 'degraded', raw: 'no link' };
  if (flags.upState === true || flags.hasLink === true) return { state: 'ok', raw: 'up' };
  return { state: 'unknown', raw: 'unknown' };
}

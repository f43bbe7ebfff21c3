import { unmatched } from './enums.js';
import type { AlertSeverity, ComponentState, ReplicationState } from './snapshot.js';

/** What one item adds to a system's health; null adds nothing. `unknown` is reserved for reachability. */
export type Contribution = 'warning' | 'critical' | null;

/**
 * Component states. `unknown` warns because we cannot confirm the part is fine; `offline` warns
 * because a deliberately stopped part still means lost redundancy. Acknowledgements never reach
 * this function: a hardware fault is shown for as long as the vendor reports it.
 */
export function componentContribution(state: ComponentState): Contribution {
  switch (state) {
    case 'ok':
    case 'absent':
      return null;
    case 'degraded':
    case 'offline':
    case 'unknown':
      return 'warning';
    case 'failed':
      return 'critical';
    default:
      return unmatched(state, 'warning');
  }
}

/**
 * Open alerts. `major` only warns: in the vendors' own scales (StorageGRID major, Data Domain
 * ERROR) it means "act soon", not "service is down". Acknowledging lowers an alert by one step
 * and never to ok for a critical one, so a critical problem keeps the system from showing green.
 */
export function alertContribution(severity: AlertSeverity, acknowledged: boolean): Contribution {
  switch (severity) {
    case 'critical':
      return acknowledged ? 'warning' : 'critical';
    case 'major':
    case 'warning':
      return acknowledged ? null : 'warning';
    case 'info':
      return null;
    default:
      return unmatched(severity, 'warning');
  }
}

/**
 * Replication and peer links. Every non-ok state only warns: production data is intact, what is
 * at risk is the recovery point. Paused links warn too, since forgotten pauses are how DR copies rot.
 */
export function replicationContribution(state: ReplicationState): Contribution {
  switch (state) {
    case 'ok':
      return null;
    case 'degraded':
    case 'broken':
    case 'paused':
    case 'unknown':
      return 'warning';
    default:
      return unmatched(state, 'warning');
  }
}

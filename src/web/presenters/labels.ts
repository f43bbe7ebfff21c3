import type { AlertSeverity, ComponentState, Health, Reachability, Topology, Vendor } from '../../domain/snapshot.js';

/** Words and CSS classes the pages share, so a state looks the same everywhere. */

const VENDOR_LABELS: Record<Vendor, string> = {
  pure: 'Pure Storage FlashArray',
  ontap: 'NetApp ONTAP',
  storagegrid: 'NetApp StorageGRID',
  datadomain: 'Dell PowerProtect DD',
};

export function vendorLabel(vendor: Vendor): string {
  return VENDOR_LABELS[vendor] ?? vendor;
}

const REACHABILITY_LABELS: Record<Reachability, string> = {
  ok: 'reachable',
  unreachable: 'unreachable',
  timeout: 'timed out',
  auth_failed: 'sign-in failed',
  tls_error: 'TLS error',
  api_error: 'API error',
};

export function reachabilityLabel(reachability: Reachability): string {
  return REACHABILITY_LABELS[reachability] ?? reachability;
}

const TOPOLOGY_LABELS: Record<Topology, string> = {
  local: 'single controller',
  ha: 'HA pair',
  metrocluster: 'MetroCluster',
  'active-cluster': 'ActiveCluster',
  'single-site': 'single site',
  'multi-site': 'multi-site grid',
};

export function topologyLabel(topology: Topology | null): string | null {
  return topology === null ? null : (TOPOLOGY_LABELS[topology] ?? topology);
}

/** Badge class for a health: the same names the stylesheet colours (ok, warning, critical, unknown). */
export function healthClass(health: Health): string {
  return health;
}

export function severityClass(severity: AlertSeverity): string {
  return severity === 'info' ? 'unknown' : severity;
}

/** A failed component is red whatever anyone acknowledged: the hardware is still broken. */
export function componentClass(state: ComponentState): string {
  switch (state) {
    case 'failed':
      return 'critical';
    case 'degraded':
      return 'warning';
    case 'ok':
      return 'ok';
    default:
      return 'unknown';
  }
}

export type CapacityLevel = 'ok' | 'warning' | 'critical' | 'unknown';

/** Bar colour by the admin's thresholds (settings): at or above crit is critical, at or above warn a warning. */
export function capacityLevel(percent: number | null, thresholds: { capacityWarnPercent: number; capacityCritPercent: number }): CapacityLevel {
  if (percent === null || !Number.isFinite(percent)) return 'unknown';
  if (percent >= thresholds.capacityCritPercent) return 'critical';
  if (percent >= thresholds.capacityWarnPercent) return 'warning';
  return 'ok';
}

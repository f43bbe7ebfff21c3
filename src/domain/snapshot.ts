/**
 * The one model every vendor is normalized into: what a single poll of a single system saw.
 * Normalizers build it from wire JSON; health is derived from it in health.ts, never per vendor.
 * Every union has an exported const array so boundaries (DB rows, forms, tests) can enumerate it.
 */

export const VENDORS = ['pure', 'ontap', 'storagegrid', 'datadomain'] as const;
export type Vendor = (typeof VENDORS)[number];

/** How the poll itself went; anything but `ok` means the rest of the snapshot is not current. */
export const REACHABILITIES = ['ok', 'unreachable', 'timeout', 'auth_failed', 'tls_error', 'api_error'] as const;
export type Reachability = (typeof REACHABILITIES)[number];

export const HEALTHS = ['ok', 'warning', 'critical', 'unknown'] as const;
export type Health = (typeof HEALTHS)[number];

export const TOPOLOGIES = ['local', 'ha', 'metrocluster', 'active-cluster', 'single-site', 'multi-site'] as const;
export type Topology = (typeof TOPOLOGIES)[number];

/** Common alert scale; each vendor maps its own severities onto it through an explicit table. */
export const ALERT_SEVERITIES = ['critical', 'major', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const COMPONENT_KINDS = [
  'controller',
  'node',
  'chassis',
  'shelf',
  'drive',
  'psu',
  'fan',
  'temp_sensor',
  'port',
  'lif',
  'aggregate',
  'site',
  'service',
  'other',
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/**
 * `offline`: deliberately down (e.g. administratively down), not broken but not serving either.
 * `absent`: an empty slot or bay, which is normal and never affects health.
 */
export const COMPONENT_STATES = ['ok', 'degraded', 'failed', 'offline', 'absent', 'unknown'] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const REPLICATION_KINDS = [
  'snapmirror',
  'cluster_peer',
  'metrocluster',
  'array_connection',
  'pod',
  'mtree_replication',
] as const;
export type ReplicationKind = (typeof REPLICATION_KINDS)[number];

/** `paused`: quiesced or suspended on purpose; still a growing recovery point, so it is reported. */
export const REPLICATION_STATES = ['ok', 'degraded', 'broken', 'paused', 'unknown'] as const;
export type ReplicationState = (typeof REPLICATION_STATES)[number];

export interface ReachabilityResult {
  readonly status: Reachability;
  /** For operators: what failed and where, e.g. "TLS: certificate fingerprint mismatch". */
  readonly message: string;
}

export interface Identity {
  readonly vendor: Vendor;
  readonly name: string;
  /** Null when the vendor does not say (or the poll never got that far). */
  readonly model: string | null;
  readonly serial: string | null;
  readonly osVersion: string | null;
  readonly apiVersion: string | null;
  readonly topology: Topology | null;
}

/** Physical figures in bytes. Effective capacity and data reduction only where the vendor reports them. */
export interface Capacity {
  readonly totalBytes: number;
  readonly usedBytes: number;
  readonly freeBytes: number;
  readonly effectiveBytes: number | null;
  readonly dataReductionRatio: number | null;
}

export interface Component {
  readonly kind: ComponentKind;
  readonly name: string;
  readonly state: ComponentState;
  /** The vendor's own word, kept so operators can search vendor docs for it. */
  readonly rawState: string;
  readonly detail: string | null;
}

export interface Alert {
  /** Vendor alert id; together with the system id it is the alert's stable identity (acks key on it). */
  readonly id: string;
  readonly severity: AlertSeverity;
  readonly rawSeverity: string;
  readonly title: string;
  readonly detail: string | null;
  readonly component: string | null;
  /** Epoch ms; null when the vendor's timestamp is missing or unparseable. */
  readonly raisedAt: number | null;
}

export interface ReplicationLink {
  readonly kind: ReplicationKind;
  readonly name: string;
  readonly partner: string | null;
  readonly state: ReplicationState;
  readonly rawState: string;
  /** Only where the vendor exposes it (e.g. SnapMirror lag time). */
  readonly lagSeconds: number | null;
}

/**
 * One poll of one system. The system id is not part of it: normalizers do not know it, the poller
 * stores the snapshot under it. When reachability is not ok the other fields may be empty or carried
 * over from an earlier poll; health derivation ignores them then.
 */
export interface SystemSnapshot {
  readonly polledAt: number;
  readonly reachability: ReachabilityResult;
  readonly identity: Identity;
  readonly capacity: Capacity | null;
  readonly components: readonly Component[];
  readonly alerts: readonly Alert[];
  readonly replication: readonly ReplicationLink[];
}

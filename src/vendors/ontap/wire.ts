/**
 * Types of the ONTAP 9 REST JSON this client reads, field names as in NetApp's ONTAP REST API
 * reference. Every property is optional: ONTAP returns only the fields asked for with `fields=`,
 * and older releases omit newer ones, so normalize.ts checks shapes at run time instead of trusting these.
 * Enum-like fields stay `string`: releases add values, and unknown ones must map to 'unknown', not fail.
 */

export interface OntapHref {
  href?: string;
}

/** Every collection GET answers this envelope; `_links.next` is present while more records remain. */
export interface OntapCollection<T> {
  records?: T[];
  num_records?: number;
  _links?: { self?: OntapHref; next?: OntapHref };
}

/** The body of a non-2xx answer. */
export interface OntapErrorBody {
  error?: { message?: string; code?: string; target?: string };
}

export interface OntapNamed {
  name?: string;
  uuid?: string;
}

export interface OntapCluster {
  name?: string;
  uuid?: string;
  version?: { full?: string; generation?: number; major?: number; minor?: number };
}

/** GET /api/cluster/nodes, `state` ∈ up|booting|down|taken_over|waiting_for_giveback|degraded|unknown. */
export interface OntapNode {
  name?: string;
  uuid?: string;
  state?: string;
  model?: string;
  serial_number?: string;
  version?: { full?: string };
  ha?: {
    enabled?: boolean;
    partners?: OntapNamed[];
    /** giveback.state e.g. nothing_to_giveback|not_attempted|in_progress|failed. */
    giveback?: { state?: string };
    /** takeover.state e.g. not_attempted|not_possible|in_progress|in_takeover|failed. */
    takeover?: { state?: string };
  };
  controller?: {
    failed_power_supply?: { count?: number; message?: { message?: string } };
    failed_fan?: { count?: number; message?: { message?: string } };
    /** over|normal */
    over_temperature?: string;
  };
  metrocluster?: { type?: string };
}

/** GET /api/storage/aggregates; ONTAP never lists root aggregates here. */
export interface OntapAggregate {
  name?: string;
  uuid?: string;
  /** online|onlining|offline|offlining|relocating|unmounted|restricted|inconsistent|failed|unknown */
  state?: string;
  home_node?: OntapNamed;
  space?: {
    block_storage?: { size?: number; used?: number; available?: number };
    efficiency?: { logical_used?: number; ratio?: number; savings?: number };
  };
}

/** GET /api/storage/disks, `state` ∈ broken|copy|maintenance|partner|pending|present|reconstructing|removed|spare|unfail|zeroing. */
export interface OntapDisk {
  name?: string;
  state?: string;
  container_type?: string;
  model?: string;
  serial_number?: string;
  node?: OntapNamed;
}

/** GET /api/network/ethernet/ports, `state` ∈ up|down|degraded, `type` ∈ physical|vlan|lag. */
export interface OntapEthernetPort {
  name?: string;
  uuid?: string;
  node?: OntapNamed;
  state?: string;
  type?: string;
  enabled?: boolean;
  broadcast_domain?: OntapNamed;
}

/** GET /api/network/ip/interfaces, `state` ∈ up|down. */
export interface OntapIpInterface {
  name?: string;
  uuid?: string;
  state?: string;
  enabled?: boolean;
  svm?: OntapNamed;
  ip?: { address?: string };
  location?: { home_node?: OntapNamed; node?: OntapNamed; is_home?: boolean };
}

/** GET /api/cluster/peers, `status.state` ∈ available|partial|unavailable|pending|unidentified. */
export interface OntapClusterPeer {
  name?: string;
  uuid?: string;
  status?: { state?: string; update_time?: string };
  remote?: { name?: string; ip_addresses?: string[] };
}

/** GET /api/snapmirror/relationships, `state` ∈ broken_off|paused|snapmirrored|uninitialized|in_sync|out_of_sync|synchronizing. */
export interface OntapSnapmirrorRelationship {
  uuid?: string;
  healthy?: boolean;
  state?: string;
  /** ISO 8601 duration, e.g. "PT8H35M42S". */
  lag_time?: string;
  unhealthy_reason?: { message?: string; code?: string }[];
  source?: { path?: string; svm?: OntapNamed; cluster?: OntapNamed };
  destination?: { path?: string; svm?: OntapNamed; cluster?: OntapNamed };
}

/** GET /api/cluster/metrocluster; not configured → `local.configuration_state` not_configured (or an error). */
export interface OntapMetrocluster {
  configuration_type?: string;
  local?: {
    configuration_state?: string;
    /** normal|switchover|partial_switchover|waiting_for_switchback|… */
    mode?: string;
    cluster?: OntapNamed;
  };
  remote?: { configuration_state?: string; mode?: string; cluster?: OntapNamed };
}

/** GET /api/support/ems/events, `message.severity` ∈ emergency|alert|error|notice|informational|debug. */
export interface OntapEmsEvent {
  index?: number;
  time?: string;
  message?: { name?: string; severity?: string };
  log_message?: string;
  node?: OntapNamed;
  parameters?: { name?: string; value?: string }[];
}

/** Everything one poll read, as handed from client.ts to normalize.ts. */
export interface OntapPollData {
  cluster: OntapCluster;
  /** Null when MetroCluster is not configured or the endpoint answered 404. */
  metrocluster: OntapMetrocluster | null;
  nodes: OntapNode[];
  aggregates: OntapAggregate[];
  disks: OntapDisk[];
  ports: OntapEthernetPort[];
  interfaces: OntapIpInterface[];
  peers: OntapClusterPeer[];
  snapmirror: OntapSnapmirrorRelationship[];
  /** Paired raise/clear events plus recent severe ones, in any order. */
  events: OntapEmsEvent[];
  /** The array's clock (epoch ms, from its Date header); EMS windows are measured on it. Null → poll time. */
  clockMs: number | null;
}

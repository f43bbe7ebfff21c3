/**
 * The StorageGRID Grid Management API v4 JSON this client reads (Swagger 2.0, base path /api/v4).
 * Field names and enums are exactly the spec's; only the fields we read or the simulator must
 * render are typed. Enums are declared as const arrays so the parser can check membership and
 * the normalizer can switch exhaustively over them.
 */

/** Every response is wrapped in this envelope (`status` and `apiVersion` are required). */
export interface SgEnvelope<T> {
  responseTime?: string;
  status: 'success' | 'error';
  apiVersion: string;
  deprecated?: boolean;
  data: T;
}

export interface SgLocalizedError {
  text: string;
  key?: string;
  context?: string;
  developerMessage?: string;
}

/** `error-response`: what 4xx/5xx answers carry. */
export interface SgErrorResponse extends Omit<SgEnvelope<unknown>, 'data'> {
  data?: unknown;
  code?: number;
  message?: SgLocalizedError;
  errors?: SgLocalizedError[];
}

/** `credentials`: the body of POST /authorize. */
export interface SgCredentials {
  username: string;
  password: string;
  cookie?: boolean;
  csrfToken?: boolean;
}

/** `authorize-response`: data is the bearer token. */
export type SgAuthorizeResponse = SgEnvelope<string>;

/** Connection state of a node (and, in the topology tree, of any level). */
export const SG_CONNECTION_STATES = ['connected', 'administratively-down', 'unknown'] as const;
export type SgConnectionState = (typeof SG_CONNECTION_STATES)[number];

/** `node-health-status.severity`: the most severe alert currently affecting the node. */
export const SG_NODE_SEVERITIES = ['normal', 'minor', 'major', 'critical'] as const;
export type SgNodeSeverity = (typeof SG_NODE_SEVERITIES)[number];

/** `health-topology-severity`: the legacy alarm scale, which adds `notice`. */
export const SG_TOPOLOGY_SEVERITIES = ['critical', 'major', 'minor', 'notice', 'normal'] as const;
export type SgTopologySeverity = (typeof SG_TOPOLOGY_SEVERITIES)[number];

export const SG_NODE_TYPES = ['adminNode', 'apiGatewayNode', 'storageNode'] as const;
export type SgNodeType = (typeof SG_NODE_TYPES)[number];

export const SG_STORAGE_TYPES = ['combined', 'metadata', 'data'] as const;
export type SgStorageType = (typeof SG_STORAGE_TYPES)[number];

/** `alert.labels.severity`. */
export const SG_ALERT_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type SgAlertSeverity = (typeof SG_ALERT_SEVERITIES)[number];

export const SG_ALERT_STATUSES = ['active', 'suppressed', 'unprocessed'] as const;
export type SgAlertStatus = (typeof SG_ALERT_STATUSES)[number];

/** GET /grid/health → data. Counts only; every property is optional in the spec. */
export interface SgGridHealth {
  alarms?: { critical?: number; major?: number; minor?: number; notice?: number };
  alerts?: { critical?: number; major?: number; minor?: number };
  nodes?: { connected?: number; 'administratively-down'?: number; unknown?: number };
}

interface SgTopologyLevel<Type extends string> {
  id: string;
  name: string;
  uniqueName: string;
  type: Type;
  oid: string;
  /** Kept as string: a newer grid may add states; the normalizer maps unknown ones to 'unknown'. */
  state: SgConnectionState | (string & {});
  severity: SgTopologySeverity | (string & {});
  displayName?: string;
}

export interface SgTopologyComponent {
  name?: string;
  type: 'component';
  oid: string;
  state: string;
  severity: string;
  code: string;
}

export interface SgTopologyNode extends SgTopologyLevel<'node'> {
  storageType?: SgStorageType;
  children?: SgTopologyComponent[];
}

export interface SgTopologySite extends SgTopologyLevel<'site'> {
  children?: SgTopologyNode[];
}

/** GET /grid/health/topology → data (deprecated in the spec, so a 404 is tolerated). */
export interface SgTopologyGrid extends SgTopologyLevel<'grid'> {
  children?: SgTopologySite[];
}

/** GET /grid/config/product-version → data. */
export interface SgProductVersion {
  productVersion: string;
}

/** GET /grid/node-health → data[] (`node-health-status`). */
export interface SgNodeHealth {
  id: string;
  name: string;
  nodeDisplayName?: string;
  isPrimaryAdmin?: boolean | null;
  siteId: string;
  siteName: string;
  siteDisplayName?: string;
  severity: SgNodeSeverity | (string & {});
  state: SgConnectionState | (string & {});
  storageType?: SgStorageType;
  type: SgNodeType | (string & {});
}

export interface SgAlertLabels {
  alertname: string;
  instance: string;
  job: string;
  severity: SgAlertSeverity | (string & {});
  service?: string;
  node_id?: string;
  site_id?: string;
  site_name?: string;
  [label: string]: string | undefined;
}

/** GET /grid/alerts?include=active → data[] (`alert`). */
export interface SgAlert {
  id: string;
  name: string;
  status: SgAlertStatus | (string & {});
  startsAt: string;
  inhibited: boolean;
  silenced: boolean;
  inhibitedBy?: string[];
  silencedBy?: string[];
  labels: SgAlertLabels;
  annotations?: { description?: string; summary?: string; ruleId?: string; [key: string]: unknown };
}

/** One row of an instant vector: the Prometheus shape, sample value as a decimal string. */
export interface SgMetricSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** GET /grid/metric-query → data (`metrics-data`). */
export interface SgMetricsData {
  resultType: 'matrix' | 'scalar' | 'string' | 'vector';
  result: SgMetricSample[];
}


/**
 * Paths (relative to the target's base URL) and metric names the StorageGRID client uses. One
 * place, so error messages from the parser and the client's request log name the same endpoint.
 */
export const SG_API = '/api/v4';

export const SG_PATHS = {
  authorize: `${SG_API}/authorize`,
  health: `${SG_API}/grid/health`,
  topology: `${SG_API}/grid/health/topology`,
  productVersion: `${SG_API}/grid/config/product-version`,
  alerts: `${SG_API}/grid/alerts`,
  nodeHealth: `${SG_API}/grid/node-health`,
  metricQuery: `${SG_API}/grid/metric-query`,
} as const;

/**
 * Per-Storage-Node gauges, summed by the normalizer. total = raw object-store volume space,
 * usable = space still free for object data, data = replicated + erasure-coded object data.
 */
export const SG_CAPACITY_METRICS = {
  totalSpace: 'storagegrid_storage_utilization_total_space_bytes',
  usableSpace: 'storagegrid_storage_utilization_usable_space_bytes',
  dataBytes: 'storagegrid_storage_utilization_data_bytes',
} as const;
export type SgCapacityMetric = keyof typeof SG_CAPACITY_METRICS;

/** Label used in messages for one metric query, e.g. "GET /api/v4/grid/metric-query (…data_bytes)". */
export function metricEndpoint(metric: SgCapacityMetric): string {
  return `GET ${SG_PATHS.metricQuery}?query=${SG_CAPACITY_METRICS[metric]}`;
}

export function getEndpoint(path: string): string {
  return `GET ${path}`;
}

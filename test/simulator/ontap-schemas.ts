/**
 * JSON Schemas for the ONTAP REST responses the simulator serves, written by hand from NetApp's
 * public ONTAP 9 REST API reference (field names, types and enums) because no ONTAP spec file is at
 * hand (../shared/vendor-specs has none). `additionalProperties: false` makes an invented field fail.
 */

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const bool: Schema = { type: 'boolean' };
const uuid: Schema = { type: 'string', format: 'uuid' };
const enumOf = (...values: string[]): Schema => ({ type: 'string', enum: values });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required, additionalProperties: false });
const arr = (items: Schema): Schema => ({ type: 'array', items });
const href = obj({ href: { type: 'string', pattern: '^/api/' } }, ['href']);
const ref = obj({ name: str, uuid });
const message = obj({ message: str, code: str });

export const collection = (item: Schema): Schema =>
  obj({ records: arr(item), num_records: { type: 'integer', minimum: 0 }, _links: obj({ self: href, next: href }) }, ['records', 'num_records']);

export const errorSchema = obj({ error: obj({ message: str, code: str, target: str, arguments: arr({ type: 'object' }) }, ['message', 'code']) }, ['error']);

export const clusterSchema = obj({
  name: str,
  uuid,
  version: obj({ full: str, generation: int, major: int, minor: int }),
  _links: obj({ self: href }),
}, ['name']);

export const nodeSchema = obj({
  uuid, name: str, model: str, serial_number: str,
  state: enumOf('up', 'booting', 'down', 'taken_over', 'waiting_for_giveback', 'degraded', 'unknown'),
  version: obj({ full: str, generation: int, major: int, minor: int }),
  ha: obj({
    enabled: bool,
    partners: arr(ref),
    takeover: obj({ state: enumOf('not_attempted', 'not_possible', 'in_progress', 'in_takeover', 'failed') }),
    giveback: obj({ state: enumOf('nothing_to_giveback', 'not_attempted', 'in_progress', 'failed') }),
  }),
  controller: obj({
    failed_power_supply: obj({ count: int, message }),
    failed_fan: obj({ count: int, message }),
    over_temperature: enumOf('over', 'normal'),
  }),
  metrocluster: obj({ type: enumOf('fc', 'ip', 'mixed') }),
}, ['name', 'uuid']);

export const aggregateSchema = obj({
  uuid, name: str, home_node: ref,
  state: enumOf('online', 'onlining', 'offline', 'offlining', 'relocating', 'unmounted', 'restricted', 'inconsistent', 'failed', 'unknown'),
  space: obj({
    block_storage: obj({ size: int, used: int, available: int }),
    efficiency: obj({ logical_used: int, savings: int, ratio: { type: 'number' } }),
  }),
}, ['name', 'uuid']);

export const diskSchema = obj({
  name: str, model: str, serial_number: str, node: ref,
  state: enumOf('broken', 'copy', 'maintenance', 'partner', 'pending', 'present', 'reconstructing', 'removed', 'spare', 'unfail', 'zeroing'),
  container_type: enumOf('aggregate', 'broken', 'foreign', 'labelmaint', 'maintenance', 'shared', 'spare', 'unassigned', 'unknown', 'unsupported', 'remote', 'mediator'),
}, ['name']);

export const portSchema = obj({
  uuid, name: str, node: ref, enabled: bool,
  state: enumOf('up', 'down', 'degraded'),
  type: enumOf('vlan', 'physical', 'lag'),
  broadcast_domain: obj({ name: str, uuid, ipspace: obj({ name: str }) }),
}, ['uuid', 'name', 'node']);

export const interfaceSchema = obj({
  uuid, name: str, enabled: bool, svm: ref,
  state: enumOf('up', 'down'),
  ip: obj({ address: str, netmask: str, family: enumOf('ipv4', 'ipv6') }),
  location: obj({ home_node: ref, node: ref, is_home: bool }),
}, ['uuid', 'name']);

export const peerSchema = obj({
  uuid, name: str,
  status: obj({ state: enumOf('available', 'partial', 'unavailable', 'pending', 'unidentified'), update_time: { type: 'string', format: 'date-time' } }),
  remote: obj({ name: str, ip_addresses: arr(str), serial_number: str }),
}, ['uuid', 'name']);

const endpoint = obj({ path: str, svm: ref, cluster: ref });
export const snapmirrorSchema = obj({
  uuid, healthy: bool,
  state: enumOf('broken_off', 'paused', 'snapmirrored', 'uninitialized', 'in_sync', 'out_of_sync', 'synchronizing'),
  lag_time: { type: 'string', pattern: '^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$' },
  unhealthy_reason: arr(obj({ message: str, code: str, arguments: arr({}) })),
  source: endpoint,
  destination: endpoint,
}, ['uuid']);

const mcSide = obj({
  configuration_state: enumOf('configuration_error', 'configured', 'partially_configured', 'not_configured'),
  mode: enumOf('normal', 'switchover', 'partial_switchover', 'partial_switchback', 'waiting_for_switchback'),
  cluster: ref,
  periodic_check_enabled: bool,
});
export const metroclusterSchema = obj({ configuration_type: enumOf('fabric', 'stretch', 'ip_fabric'), local: mcSide, remote: mcSide });

export const emsEventSchema = obj({
  index: int,
  time: { type: 'string', format: 'date-time' },
  message: obj({ name: str, severity: enumOf('emergency', 'alert', 'error', 'notice', 'informational', 'debug') }),
  log_message: str,
  node: ref,
  parameters: arr(obj({ name: str, value: str })),
  source: str,
}, ['index', 'node']);

import { VendorError } from '../client.js';
import type {
  PureAlert,
  PureArray,
  PureArrayConnection,
  PureArraySpaceItem,
  PureController,
  PureDrive,
  PureHardware,
  PurePod,
  PurePollWire,
} from './wire.js';

/**
 * Run-time shape checks for the JSON a FlashArray sent. The spec marks almost nothing required, so
 * a missing field is fine, but a field of the wrong type is not: it means we are not talking to the
 * API we think we are, and guessing would put wrong facts on the dashboard. Every failure names the
 * endpoint and the field. Unknown extra fields are ignored (newer arrays add fields).
 */

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'string[]' | 'object[]';
/** A trailing `!` marks a field that must be present and non-null. */
type FieldSpec = Record<string, `${Kind}` | `${Kind}!`>;

/** Raw item lists as read from each endpoint (envelopes unwrapped, pages joined). */
export type PureRawPoll = { apiVersion: string } & { [K in Exclude<keyof PurePollWire, 'apiVersion'>]: readonly unknown[] };

export const PURE_ENDPOINTS: Record<Exclude<keyof PurePollWire, 'apiVersion'>, string> = {
  arrays: 'arrays',
  arraySpace: 'arrays/space',
  controllers: 'controllers',
  hardware: 'hardware',
  drives: 'drives',
  alerts: 'alerts',
  arrayConnections: 'array-connections',
  pods: 'pods',
};

function parseError(endpoint: string, message: string): VendorError {
  return new VendorError('VENDOR_PARSE', `Pure ${endpoint}: ${message}`, { endpoint });
}

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'object[]':
      return Array.isArray(value) && value.every((v) => isKind(v, 'object'));
  }
}

/** Checks one object against its field spec; `where` names it in messages, e.g. "items[3]". */
export function checkObject(endpoint: string, where: string, value: unknown, spec: FieldSpec): void {
  if (!isKind(value, 'object')) throw parseError(endpoint, `${where} is not an object`);
  const obj = value as Record<string, unknown>;
  for (const [field, rule] of Object.entries(spec)) {
    const required = rule.endsWith('!');
    const kind = (required ? rule.slice(0, -1) : rule) as Kind;
    const v = obj[field];
    if (v === undefined || v === null) {
      if (required) throw parseError(endpoint, `${where}.${field} is missing`);
      continue;
    }
    if (!isKind(v, kind)) throw parseError(endpoint, `${where}.${field} should be ${kind}, got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
}

const specs = {
  arrays: { id: 'string', name: 'string!', os: 'string', version: 'string', capacity: 'number' },
  arraySpace: { name: 'string', capacity: 'number', space: 'object' },
  controllers: { name: 'string!', mode: 'string', model: 'string', status: 'string', type: 'string', version: 'string' },
  hardware: { name: 'string!', details: 'string', model: 'string', serial: 'string', status: 'string', type: 'string', temperature: 'number' },
  drives: { name: 'string!', capacity: 'number', details: 'string', status: 'string', type: 'string' },
  alerts: {
    id: 'string!',
    name: 'string',
    code: 'number',
    component_name: 'string',
    created: 'number',
    description: 'string',
    issue: 'string',
    severity: 'string',
    state: 'string',
    summary: 'string',
  },
  arrayConnections: { name: 'string!', management_address: 'string', replication_addresses: 'string[]', status: 'string', type: 'string' },
  pods: { name: 'string!', arrays: 'object[]', array_count: 'number', destroyed: 'boolean', promotion_status: 'string' },
} satisfies Record<keyof typeof PURE_ENDPOINTS, FieldSpec>;

const spaceSpec: FieldSpec = {
  data_reduction: 'number',
  total_physical: 'number',
  total_used: 'number',
  total_provisioned: 'number',
  total_effective: 'number',
};
const podArraySpec: FieldSpec = { name: 'string', status: 'string', mediator_status: 'string' };

function checkList(raw: PureRawPoll, key: keyof typeof PURE_ENDPOINTS): void {
  const endpoint = PURE_ENDPOINTS[key];
  const items = raw[key];
  if (!Array.isArray(items)) throw parseError(endpoint, 'items is not an array');
  items.forEach((item, i) => {
    checkObject(endpoint, `items[${i}]`, item, specs[key]);
    if (key === 'arraySpace') {
      const space = (item as { space?: unknown }).space;
      if (space != null) checkObject(endpoint, `items[${i}].space`, space, spaceSpec);
    }
    if (key === 'pods') {
      const arrays = (item as { arrays?: unknown[] }).arrays ?? [];
      arrays.forEach((a, j) => {
        checkObject(endpoint, `items[${i}].arrays[${j}]`, a, podArraySpec);
      });
    }
  });
}

/** Checks every list and returns it typed; throws VendorError VENDOR_PARSE on the first bad field. */
export function parsePurePoll(raw: PureRawPoll): PurePollWire {
  for (const key of Object.keys(PURE_ENDPOINTS) as (keyof typeof PURE_ENDPOINTS)[]) checkList(raw, key);
  return {
    apiVersion: raw.apiVersion,
    arrays: raw.arrays as PureArray[],
    arraySpace: raw.arraySpace as PureArraySpaceItem[],
    controllers: raw.controllers as PureController[],
    hardware: raw.hardware as PureHardware[],
    drives: raw.drives as PureDrive[],
    alerts: raw.alerts as PureAlert[],
    arrayConnections: raw.arrayConnections as PureArrayConnection[],
    pods: raw.pods as PurePod[],
  };
}

import { isIP } from 'node:net';
import { isOneOf } from '../domain/enums.js';
import { VENDORS, type Vendor } from '../domain/snapshot.js';
import type { SystemTls } from '../domain/system.js';
import type { Credentials } from '../vendors/client.js';
import { parseBaseUrl } from '../vendors/http-url.js';
import { type FleetSources, resolveSecret, resolveTls } from './fleet-refs.js';

/** One validated fleet entry, its references resolved: what the import compares and stores. */
export interface FleetSystem {
  /** Position in the file, for messages. */
  index: number;
  name: string;
  vendor: Vendor;
  /** A host, or a normalized base URL (origin + path prefix) that then carries any port itself. */
  address: string;
  port: number | null;
  tls: SystemTls;
  enabled: boolean;
  tags: string[];
  credentials: Credentials;
}

const entryKeys = ['name', 'vendor', 'address', 'baseUrl', 'port', 'credentials', 'tls', 'tags', 'enabled'];
const credentialKeys = ['username', 'password', 'apiToken'] as const;
const hostPattern = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/**
 * Validates the parsed document `{ systems: [...] }`. Every problem is collected, each naming the
 * file, the entry (index and name) and the field, so one run shows everything to fix.
 */
export function validateFleet(doc: unknown, file: string, sources: FleetSources): { systems: FleetSystem[]; problems: string[] } {
  const problems: string[] = [];
  const raw = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>).systems : undefined;
  if (!Array.isArray(raw)) return { systems: [], problems: [`${file}: expected an object with a "systems" list at the top`] };
  const extraTop = Object.keys(doc as object).filter((k) => k !== 'systems');
  if (extraTop.length > 0) problems.push(`${file}: unknown top-level field ${extraTop.join(', ')} (only "systems" is read)`);

  const systems: FleetSystem[] = [];
  const firstIndexOf = new Map<string, number>();
  raw.forEach((item: unknown, index) => {
    const where = (name?: string) => `${file}: systems[${index}]${name ? ` "${name}"` : ''}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${where()}: expected an object with name, vendor, address or baseUrl, credentials`);
      return;
    }
    const entry = item as Record<string, unknown>;
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    const report = (field: string, message: string) => problems.push(`${where(name)}: ${field}: ${message}`);
    const before = problems.length;
    const system = validateEntry(entry, name, index, sources, report);
    if (name !== '') {
      const first = firstIndexOf.get(name);
      if (first !== undefined) report('name', `"${name}" is already used by systems[${first}]; names must be unique`);
      else firstIndexOf.set(name, index);
    }
    if (system && problems.length === before) systems.push(system);
  });
  return { systems, problems };
}

type Report = (field: string, message: string) => void;

function validateEntry(entry: Record<string, unknown>, name: string, index: number, sources: FleetSources, report: Report): FleetSystem | null {
  for (const key of Object.keys(entry)) if (!entryKeys.includes(key)) report(key, `unknown field (allowed: ${entryKeys.join(', ')})`);
  if (name === '') report('name', 'required: a non-empty text that identifies the system');

  const vendor = isOneOf(VENDORS, entry.vendor) ? entry.vendor : null;
  if (vendor === null) report('vendor', `must be one of ${VENDORS.join(', ')}, not ${JSON.stringify(entry.vendor ?? null)}`);

  const port = checkPort(entry.port, report);
  const address = checkAddress(entry, port, report);
  const credentials = checkCredentials(entry.credentials, vendor, sources, report);

  const tls = resolveTls(entry.tls, sources);
  if (!tls.ok) report('tls', tls.problem);

  const tags = entry.tags ?? [];
  const tagsOk = Array.isArray(tags) && tags.every((t) => typeof t === 'string' && t.trim() !== '');
  if (!tagsOk) report('tags', 'must be a list of non-empty texts');

  const enabled = entry.enabled ?? true;
  if (typeof enabled !== 'boolean') report('enabled', `must be true or false, not ${JSON.stringify(enabled)}`);

  if (vendor === null || address === null || credentials === null || !tls.ok || port === undefined || !tagsOk || typeof enabled !== 'boolean') return null;
  return {
    index,
    name,
    vendor,
    address: address.address,
    port: address.port,
    tls: tls.value,
    enabled,
    tags: [...new Set((tags as string[]).map((t) => t.trim()))],
    credentials,
  };
}

/** undefined = invalid (already reported); null = not given. */
function checkPort(raw: unknown, report: Report): number | null | undefined {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 65535) return raw;
  report('port', `must be a whole number from 1 to 65535, not ${JSON.stringify(raw)}`);
  return undefined;
}

function checkAddress(entry: Record<string, unknown>, port: number | null | undefined, report: Report): { address: string; port: number | null } | null {
  const { address, baseUrl } = entry;
  if ((address === undefined) === (baseUrl === undefined)) {
    report(address === undefined ? 'address' : 'baseUrl', 'give exactly one of address (a host name or IP) or baseUrl (https://host[:port][/prefix])');
    return null;
  }
  if (address !== undefined) {
    if (typeof address !== 'string' || !(hostPattern.test(address) || isIP(address) !== 0)) {
      const hint = typeof address === 'string' && /[/:]/.test(address) ? ' (a URL goes in baseUrl, a port in port)' : '';
      report('address', `must be a host name or IP address, not ${JSON.stringify(address)}${hint}`);
      return null;
    }
    return port === undefined ? null : { address, port };
  }
  const parsed = typeof baseUrl === 'string' ? parseBaseUrl(baseUrl) : { problem: 'must be a URL such as https://10.0.0.5 or https://dd01.example:3009' };
  if ('problem' in parsed) {
    report('baseUrl', parsed.problem);
    return null;
  }
  const url = new URL(baseUrl as string);
  if (parsed.userinfo.length > 0) report('baseUrl', 'must not contain a user name or password; put them under credentials');
  if (url.search !== '' || url.hash !== '') report('baseUrl', 'must not have a query (?…) or fragment (#…)');
  if (url.port !== '' && port !== null && port !== undefined) report('port', 'the baseUrl already names a port; give it in one place');
  if (parsed.userinfo.length > 0 || url.search !== '' || url.hash !== '' || port === undefined) return null;
  // The port is folded into the URL, so the stored address alone says where the system is.
  if (port !== null && url.port === '') url.port = String(port);
  return { address: `${url.origin}${parsed.prefix}`, port: null };
}

function checkCredentials(raw: unknown, vendor: Vendor | null, sources: FleetSources, report: Report): Credentials | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report('credentials', 'required: an object with username and password (or apiToken for pure)');
    return null;
  }
  const given = raw as Record<string, unknown>;
  const credentials: Credentials = {};
  let valid = true;
  for (const key of Object.keys(given)) {
    if (!(credentialKeys as readonly string[]).includes(key)) {
      report(`credentials.${key}`, `unknown field (allowed: ${credentialKeys.join(', ')})`);
      valid = false;
    }
  }
  for (const key of credentialKeys) {
    const value = given[key];
    if (value === undefined) continue;
    // Never echo the value: it may be the secret itself.
    const resolved = typeof value === 'string' ? resolveSecret(value, sources) : { ok: false as const, problem: 'must be text (a literal, env:NAME or file:PATH)' };
    if (resolved.ok) credentials[key] = resolved.value;
    else {
      report(`credentials.${key}`, resolved.problem);
      valid = false;
    }
  }
  // Which fields are required depends on the vendor; with an invalid vendor that is already reported.
  const missing = vendor === null ? [] : requiredCredentials(vendor, given).filter((key) => given[key] === undefined);
  for (const key of missing) report(`credentials.${key}`, `required for ${vendor}`);
  return valid && missing.length === 0 ? credentials : null;
}

/** What each client logs in with (see vendors/<vendor>/client.ts). */
function requiredCredentials(vendor: Vendor, given: Record<string, unknown>): (typeof credentialKeys)[number][] {
  if (vendor === 'pure') return ['apiToken'];
  // StorageGRID also accepts a pre-made bearer token instead of a login.
  if (vendor === 'storagegrid' && given.apiToken !== undefined && given.username === undefined) return ['apiToken'];
  return ['username', 'password'];
}

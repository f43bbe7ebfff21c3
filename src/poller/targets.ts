import { defaultPortOf, isBaseUrl, type StoredSystem } from '../domain/system.js';
import type { SecretBox } from '../lib/secret-box.js';
import type { Credentials, SystemTarget } from '../vendors/client.js';

/** From a stored system to what a vendor client needs: base URL, opened credentials, TLS trust. */

/**
 * A bare address becomes https://host:port (the vendor's default port when none is stored); a
 * stored base URL is kept, with the stored port applied only when the URL names none.
 */
export function baseUrlOf(system: Pick<StoredSystem, 'vendor' | 'address' | 'port'>): string {
  if (isBaseUrl(system.address)) {
    const url = new URL(system.address);
    if (url.port === '' && system.port !== null) url.port = String(system.port);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  // An IPv6 literal needs brackets in a URL; a host name or IPv4 address has no colon.
  const host = system.address.includes(':') && !system.address.startsWith('[') ? `[${system.address}]` : system.address;
  const url = new URL(`https://${host}`);
  url.port = String(system.port ?? defaultPortOf(system.vendor));
  // URL drops :443 by itself, so https://10.0.0.5 stays as the operator would write it.
  return url.origin;
}

/** Parses opened credentials; throws (never guesses) when the JSON is not a credentials object. */
export function parseCredentials(json: string): Credentials {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('stored credentials are not an object');
  const credentials: Credentials = {};
  for (const field of ['username', 'password', 'apiToken'] as const) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string') credentials[field] = v;
  }
  return credentials;
}

/** Throws a SecretBoxError when the credentials cannot be opened with this key. */
export function toSystemTarget(system: StoredSystem, box: SecretBox): SystemTarget {
  return {
    name: system.name,
    vendor: system.vendor,
    baseUrl: baseUrlOf(system),
    credentials: parseCredentials(box.open(system.credentialsSealed)),
    tls: system.tls,
  };
}

/** The one JSON form credentials are sealed in: fixed key order, absent fields left out. */
export function serializeCredentials(credentials: Credentials): string {
  const { username, password, apiToken } = credentials;
  return JSON.stringify({ username, password, apiToken });
}

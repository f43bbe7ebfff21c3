import type { Vendor } from './snapshot.js';

/**
 * A configured storage system as stored: what the poller turns into a client target and what the
 * web lists. Credentials stay sealed (see lib/secret-box.ts) until the poller needs them.
 */

/** How the array's certificate is checked; the same shape as vendors' TlsTrust, so one assigns to the other. */
export type SystemTls =
  | { mode: 'system' }
  | { mode: 'ca'; caPem: string }
  | { mode: 'pinned'; fingerprintSha256: string }
  | { mode: 'insecure' };

export const TLS_MODES = ['system', 'ca', 'pinned', 'insecure'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

/** Everything an operator defines about a system; the database adds id and timestamps. */
export interface SystemFields {
  name: string;
  vendor: Vendor;
  /** A host name or IP address, or a whole base URL (https://host[:port][/prefix]). */
  address: string;
  /** Null: the vendor's default port (or the base URL's own). */
  port: number | null;
  tls: SystemTls;
  enabled: boolean;
  tags: string[];
  /** JSON of the vendor Credentials, sealed by a SecretBox; never shown. */
  credentialsSealed: string;
}

export interface StoredSystem extends SystemFields {
  id: number;
  createdAt: number;
  updatedAt: number;
}

/** Where each vendor's management API listens when the operator names no port. */
export function defaultPortOf(vendor: Vendor): number {
  return vendor === 'datadomain' ? 3009 : 443;
}

/** True when `address` is a whole base URL rather than a bare host. */
export function isBaseUrl(address: string): boolean {
  return /^https?:\/\//i.test(address);
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SimVendor } from './types.js';

/**
 * The fleet file (the format `sfd systems import` reads, issue 4) for the systems a simulator
 * serves. JSON rather than YAML: the simulator ships in the image and `yaml` is a dev dependency.
 * TLS is pinned to the simulator's own certificate, so clients verify it properly instead of
 * being told to trust anything.
 */
export type FleetTls = { mode: 'pinned'; fingerprintSha256: string } | { mode: 'insecure' };

export interface FleetEntry {
  name: string;
  vendor: SimVendor;
  baseUrl: string;
  credentials: { username: string; password: string; apiToken?: string };
  tls: FleetTls;
  tags: string[];
  enabled: boolean;
}

export interface FleetFile {
  systems: FleetEntry[];
}

/** What the fleet file needs from a simulator (Simulator satisfies it). */
export interface FleetSource {
  specs: readonly { id: string; name: string; vendor: SimVendor; credentials: { username: string; password: string; apiToken: string }; tags: string[] }[];
  baseUrlOf(id: string): string;
  fingerprintSha256: string | null;
}

/**
 * Plain HTTP has no certificate to pin: its entries say `insecure`, which the client ignores for
 * an http:// URL. `tls: 'insecure'` writes that for HTTPS too (to exercise that trust mode).
 */
export function fleetFileOf(source: FleetSource, options: { tls?: 'pinned' | 'insecure' } = {}): FleetFile {
  const fingerprint = source.fingerprintSha256;
  const tls: FleetTls = options.tls !== 'insecure' && fingerprint ? { mode: 'pinned', fingerprintSha256: fingerprint } : { mode: 'insecure' };
  return {
    systems: source.specs.map((spec) => ({
      name: spec.name,
      vendor: spec.vendor,
      baseUrl: source.baseUrlOf(spec.id),
      credentials: {
        username: spec.credentials.username,
        password: spec.credentials.password,
        // Only FlashArray logs in with an API token; the others would carry a meaningless field.
        ...(spec.vendor === 'pure' ? { apiToken: spec.credentials.apiToken } : {}),
      },
      tls,
      tags: [...spec.tags],
      enabled: true,
    })),
  };
}

/** Writes the file (0600: it holds credentials, if only simulated ones) and returns its absolute path. */
export async function writeFleetFile(file: string, fleet: FleetFile): Promise<string> {
  const target = path.resolve(file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(fleet, null, 2)}\n`, { mode: 0o600 });
  return target;
}

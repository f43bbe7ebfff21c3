import type { Vendor } from '../../../domain/snapshot.js';
import type { SystemTls } from '../../../domain/system.js';
import { normalizeFingerprint, readCaBundle } from '../../../domain/tls-trust.js';

/** The body of POST/PATCH /systems after schema validation; every field is checked again here for meaning. */
export interface SystemBody {
  name?: string;
  vendor?: Vendor;
  address?: string;
  port?: number | null;
  tls?: { mode: SystemTls['mode']; caPem?: string; fingerprintSha256?: string };
  enabled?: boolean;
  tags?: string[];
  credentials?: { username?: string; password?: string; apiToken?: string };
}

export type Credentials = NonNullable<SystemBody['credentials']>;

export function checkTls(tls: NonNullable<SystemBody['tls']>, problems: string[]): SystemTls | null {
  const extra = (['caPem', 'fingerprintSha256'] as const).filter((k) => tls[k] !== undefined && !(tls.mode === 'ca' ? k === 'caPem' : tls.mode === 'pinned' && k === 'fingerprintSha256'));
  if (extra.length > 0) {
    problems.push(`tls mode "${tls.mode}" takes no ${extra.join(' or ')}`);
    return null;
  }
  switch (tls.mode) {
    case 'system':
    case 'insecure':
      return { mode: tls.mode };
    case 'ca': {
      const pem = tls.caPem ?? '';
      if ('certificates' in readCaBundle(pem)) return { mode: 'ca', caPem: pem };
      problems.push('tls mode "ca" needs caPem: PEM certificates (-----BEGIN CERTIFICATE-----) that parse as X.509');
      return null;
    }
    case 'pinned': {
      const fingerprint = normalizeFingerprint(tls.fingerprintSha256 ?? '');
      if (fingerprint) return { mode: 'pinned', fingerprintSha256: fingerprint };
      problems.push('tls mode "pinned" needs fingerprintSha256: 64 hex digits, e.g. "AB:CD:…"');
      return null;
    }
  }
}

/** What each vendor's client logs in with; never echoes a value. */
export function checkCredentials(vendor: Vendor, credentials: Credentials, problems: string[]): void {
  const has = (k: keyof Credentials) => typeof credentials[k] === 'string' && credentials[k] !== '';
  if (vendor === 'pure') {
    if (!has('apiToken')) problems.push('credentials.apiToken is required for pure');
    return;
  }
  // StorageGRID also accepts a pre-made bearer token instead of a login.
  if (vendor === 'storagegrid' && has('apiToken') && !has('username')) return;
  for (const k of ['username', 'password'] as const) if (!has(k)) problems.push(`credentials.${k} is required for ${vendor}`);
}

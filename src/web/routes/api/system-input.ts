import { isIP } from 'node:net';
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

const hostPattern = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A host or IP, or a base URL (https://host[:port][/prefix]) normalized to origin + prefix. */
export function checkAddress(address: string, port: number | null | undefined, problems: string[]): string | null {
  const text = address.trim();
  if (!/^https?:\/\//i.test(text)) {
    if (hostPattern.test(text) || isIP(text) !== 0) return text;
    const hint = /[/:]/.test(text) ? ' (a URL must start with https://; a port goes in "port")' : '';
    problems.push(`address must be a host name, an IP address or a base URL, not ${JSON.stringify(address)}${hint}`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.push(`address ${JSON.stringify(address)} is not a valid URL`);
    return null;
  }
  const before = problems.length;
  if (url.username || url.password) problems.push('address must not contain a user name or password; send them in credentials');
  if (url.search || url.hash) problems.push('address must not have a query (?…) or fragment (#…)');
  if (url.port && port !== null && port !== undefined) problems.push('address already names a port; give it in one place');
  return problems.length > before ? null : `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

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

export function checkTags(tags: string[], problems: string[]): string[] {
  const trimmed = tags.map((t) => t.trim());
  if (trimmed.some((t) => t === '')) problems.push('tags must be non-empty texts');
  return [...new Set(trimmed)];
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

import { VendorError } from '../client.js';

/** The newest REST version this client was written and tested against (the spec at hand). */
export const PURE_MAX_API_VERSION = '2.26';

function parts(v: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/**
 * Picks the highest 2.x version the array offers that is not newer than the one we know. Versions
 * compare numerically ("2.9" < "2.10"), and the list's order is not trusted. An array that offers
 * no 2.x (REST 1.x only, Purity < 6.0) cannot be polled, and the message says so.
 */
export function pickApiVersion(body: unknown, endpoint = 'api_version'): string {
  const list = (body as { version?: unknown } | null)?.version;
  if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) {
    throw new VendorError('VENDOR_PARSE', `Pure ${endpoint}: "version" should be an array of strings`, { endpoint });
  }
  const max = parts(PURE_MAX_API_VERSION) as [number, number];
  let best: [number, number] | null = null;
  for (const raw of list as string[]) {
    const v = parts(raw);
    if (v?.[0] !== 2 || compare(v, max) > 0) continue;
    if (!best || compare(v, best) > 0) best = v;
  }
  if (!best) {
    const offered = (list as string[]).join(', ') || 'none';
    throw new VendorError(
      'VENDOR_HTTP',
      `Pure ${endpoint}: the array offers no REST version between 2.0 and ${PURE_MAX_API_VERSION} (offers: ${offered}); Purity 6.x or later is needed`,
      { endpoint },
    );
  }
  return `${best[0]}.${best[1]}`;
}

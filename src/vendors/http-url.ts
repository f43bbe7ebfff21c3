/**
 * Joining a request path onto a system's base URL. The base URL may carry a path prefix (a reverse
 * proxy, the simulator), so paths are appended to it, never resolved against it: `new URL('/api',
 * base)` would silently drop the prefix.
 */

export interface BaseUrl {
  /** "https://host:port" — never with userinfo, so it can be shown and logged. */
  origin: string;
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** "" or "/prefix" (no trailing slash). */
  prefix: string;
  /** Userinfo someone put in the URL; kept only so the redactor can hide it. */
  userinfo: string[];
}

export function parseBaseUrl(baseUrl: string): BaseUrl | { problem: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { problem: 'the base URL is not a valid URL (expected e.g. https://10.0.0.5 or https://dd01.example:3009)' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: `the base URL must start with https:// (or http://), not ${url.protocol}//` };
  }
  const userinfo = [url.username, url.password].map(decodeURIComponent).filter((s) => s !== '');
  return {
    origin: `${url.protocol}//${url.host}`,
    protocol: url.protocol,
    // URL keeps IPv6 literals bracketed; sockets and certificate checks want them bare.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
    prefix: url.pathname.replace(/\/+$/, ''),
    userinfo,
  };
}

// Characters that are safe and conventional in query values (ONTAP's `fields=a,b`, `state=x|y`);
// leaving them readable keeps logged URLs and array-side access logs legible.
function encodeQueryValue(s: string): string {
  return encodeURIComponent(s).replace(/%(2C|3A|7C|2F|40)/gi, (m) => decodeURIComponent(m));
}

export type QueryValues = Record<string, string | number | boolean | undefined>;

/** The request path (prefix + path + query) as sent to the array. */
export function joinPath(base: BaseUrl, path: string, query: QueryValues | undefined): string {
  const withoutFragment = path.split('#')[0] ?? '';
  const q = withoutFragment.indexOf('?');
  const pathname = q === -1 ? withoutFragment : withoutFragment.slice(0, q);
  const existing = q === -1 ? '' : withoutFragment.slice(q + 1);
  const added = Object.entries(query ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeQueryValue(String(v))}`);
  const search = [existing, ...added].filter((s) => s !== '').join('&');
  const joined = `${base.prefix}/${pathname.replace(/^\/+/, '')}`;
  return search === '' ? joined : `${joined}?${search}`;
}

/**
 * The endpoint as logged and shown: method and the vendor path, without the base prefix and without
 * the query (which may carry tokens, and would make every page of a listing a different endpoint).
 */
export function endpointOf(method: string, path: string): string {
  const pathname = (path.split(/[?#]/)[0] ?? '').replace(/^\/*/, '/');
  return `${method} ${pathname}`;
}

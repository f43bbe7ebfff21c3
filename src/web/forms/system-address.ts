import { isIP } from 'node:net';

/**
 * A system's name, place and tags as the admin form and the JSON API both accept them: a host name
 * or IP with an optional port, or a whole base URL (https://host[:port][/prefix]) for arrays behind a
 * proxy. The same rules as the fleet import (poller/fleet-validate.ts), which the web may not import.
 * Problems are sentences for the form; the API puts the field name in front.
 */

const hostPattern = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** The problem with a (trimmed) system name, or null. */
export function checkName(name: string): string | null {
  if (name === '') return 'Required: a name that identifies the system.';
  if (name.length > 100) return 'At most 100 characters.';
  if (/\p{Cc}/u.test(name)) return 'The name must not contain control characters.';
  return null;
}

export type AddressCheck = { ok: true; address: string; port: number | null } | { ok: false; field: 'address' | 'port'; problem: string };

export function checkPort(port: number | null): string | null {
  if (port === null) return null;
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? null : 'Enter a whole number from 1 to 65535, or leave it blank for the vendor’s default port.';
}

export function checkAddress(raw: string, port: number | null): AddressCheck {
  const address = raw.trim();
  if (address === '') return { ok: false, field: 'address', problem: 'Required: the management host name or IP address (or a base URL such as https://array.example).' };
  if (!/^https?:\/\//i.test(address)) {
    if (hostPattern.test(address) || isIP(address) !== 0) return { ok: true, address, port };
    const hint = /[/:]/.test(address) ? ' A URL must start with https://; a port goes in the port field.' : '';
    return { ok: false, field: 'address', problem: `"${address}" is not a host name or IP address.${hint}` };
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, field: 'address', problem: 'This is not a valid URL (expected e.g. https://10.0.0.5 or https://dd01.example:3009).' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, field: 'address', problem: 'The URL must not contain a user name or password; use the credential fields.' };
  if (url.search !== '' || url.hash !== '') return { ok: false, field: 'address', problem: 'The URL must not have a query (?…) or fragment (#…).' };
  if (url.port !== '' && port !== null) return { ok: false, field: 'port', problem: 'The URL already names a port; give it in one place.' };
  // The port is folded into the URL, so the stored address alone says where the system is.
  if (port !== null) url.port = String(port);
  return { ok: true, address: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, port: null };
}

const tagPattern = /^[\p{L}\p{N} ._:/-]+$/u;

/** "prod, site-a ,  tier1" → ["prod", "site-a", "tier1"]; every problem named. */
export function parseTags(raw: string): { tags: string[] } | { problem: string } {
  return checkTagList(raw.split(',').filter((t) => t.trim() !== ''));
}

/** Tags trimmed and without repeats, or the first problem: at most 20, each 1–40 letters, digits, spaces or . _ : / - */
export function checkTagList(list: readonly string[]): { tags: string[] } | { problem: string } {
  const tags = [...new Set(list.map((t) => t.trim()))];
  if (tags.includes('')) return { problem: 'A tag must not be blank.' };
  if (tags.length > 20) return { problem: `At most 20 tags, not ${tags.length}.` };
  const long = tags.find((t) => t.length > 40);
  if (long !== undefined) return { problem: `The tag "${long.slice(0, 40)}…" is longer than 40 characters.` };
  const bad = tags.find((t) => !tagPattern.test(t));
  if (bad !== undefined) return { problem: `The tag "${bad}" may only contain letters, digits, spaces and . _ : / -` };
  return { tags };
}

import { VendorError } from '../client.js';

/**
 * Shape checks for Data Domain JSON. The wire types are a promise the array may break, so every
 * field is read through these: a wrong type becomes one VENDOR_PARSE error naming the endpoint and
 * the field path, instead of a TypeError or a silently wrong snapshot. Absent optional fields are
 * fine (real systems omit them); present fields of the wrong type are not.
 */

export type Json = Record<string, unknown>;

export function parseError(endpoint: string, field: string, problem: string): VendorError {
  return new VendorError('VENDOR_PARSE', `Data Domain ${endpoint}: ${field} ${problem}`, { endpoint });
}

/** A reader bound to one endpoint and a field-path prefix, so messages say exactly where. */
export class Reader {
  constructor(
    readonly endpoint: string,
    readonly at: string,
  ) {}

  field(name: string): string {
    return this.at === '' ? name : `${this.at}.${name}`;
  }

  fail(name: string, problem: string): VendorError {
    return parseError(this.endpoint, this.field(name), problem);
  }

  /** The value itself must be a JSON object. */
  static object(endpoint: string, at: string, value: unknown): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw parseError(endpoint, at === '' ? 'response body' : at, 'is not a JSON object');
    }
    return value as Json;
  }

  optObject(o: Json, name: string): Json | null {
    const v = o[name];
    if (v === undefined || v === null) return null;
    return Reader.object(this.endpoint, this.field(name), v);
  }

  /** Missing list = empty list: DD leaves empty collections out. */
  optArray(o: Json, name: string): unknown[] {
    const v = o[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw this.fail(name, 'is not an array');
    return v;
  }

  optString(o: Json, name: string): string | null {
    const v = o[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw this.fail(name, `is not a string (${JSON.stringify(v)})`);
    return v;
  }

  string(o: Json, name: string): string {
    const v = this.optString(o, name);
    if (v === null) throw this.fail(name, 'is missing');
    return v;
  }

  optNumber(o: Json, name: string): number | null {
    const v = o[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.fail(name, `is not a finite number (${JSON.stringify(v)})`);
    return v;
  }

  optBoolean(o: Json, name: string): boolean | null {
    const v = o[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'boolean') throw this.fail(name, `is not a boolean (${JSON.stringify(v)})`);
    return v;
  }

  child(name: string | number): Reader {
    return new Reader(this.endpoint, typeof name === 'number' ? `${this.at}[${name}]` : this.field(name));
  }
}

/**
 * Maps every item of the list `key` across the pages of one paged endpoint. Each page must be an
 * object; each item must be an object; field errors name the page and the item index.
 */
export function eachItem<T>(endpoint: string, key: string, pages: readonly unknown[], map: (r: Reader, o: Json, index: number) => T): T[] {
  const out: T[] = [];
  pages.forEach((page, p) => {
    const at = pages.length > 1 ? `page ${p} ` : '';
    const body = Reader.object(endpoint, `${at}response body`, page);
    const list = new Reader(endpoint, at.trim()).optArray(body, key);
    list.forEach((item, i) => {
      const path = `${at}${key}[${i}]`;
      out.push(map(new Reader(endpoint, path), Reader.object(endpoint, path, item), out.length));
    });
  });
  return out;
}

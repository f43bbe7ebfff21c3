import { VendorError } from '../client.js';

/**
 * Run-time shape checks for ONTAP JSON. The wire types are only a promise; an array (or a proxy in
 * front of it) can answer anything, and a wrong shape must become a VENDOR_PARSE error that names the
 * endpoint and field instead of a TypeError deep inside normalize.
 */

export type Json = Record<string, unknown>;

export function parseError(where: string, problem: string): VendorError {
  return new VendorError('VENDOR_PARSE', `ONTAP ${where}: ${problem}`, { endpoint: where.split(' ')[0] });
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function object(value: unknown, where: string): Json {
  if (!isObject(value)) throw parseError(where, `expected an object, got ${describe(value)}`);
  return value;
}

/** Absent (undefined or null) is fine; anything that is present must be an object. */
export function optObject(value: unknown, where: string): Json {
  if (value === undefined || value === null) return {};
  return object(value, where);
}

export function optArray(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw parseError(where, `expected an array, got ${describe(value)}`);
  return value;
}

export function optString(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw parseError(where, `expected a string, got ${describe(value)}`);
  return value;
}

export function optNumber(value: unknown, where: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw parseError(where, `expected a number, got ${describe(value)}`);
  return value;
}

export function optBoolean(value: unknown, where: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw parseError(where, `expected a boolean, got ${describe(value)}`);
  return value;
}

/** A record's `name` is how operators find it; a record without one is not usable. */
export function requiredName(record: Json, where: string): string {
  const name = optString(record.name, `${where}.name`);
  if (name === null || name === '') throw parseError(`${where}.name`, 'missing');
  return name;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

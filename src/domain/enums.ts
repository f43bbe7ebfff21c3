/**
 * Helpers for the string-literal unions of the domain. Vendor JSON and database rows arrive as
 * plain strings, so membership is checked at the boundary instead of trusted with a cast.
 */

/** True when `value` is one of `allowed`; narrows a raw string to the union. */
export function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/**
 * The `default` branch of an exhaustive switch. The `never` parameter makes a forgotten case a
 * compile error; at run time (a value smuggled past the types) it returns `fallback` instead of
 * throwing, because the domain functions promise to be total.
 */
export function unmatched<T>(_value: never, fallback: T): T {
  return fallback;
}

/**
 * The `details` JSON text of a log or audit row as an object for JSON answers. Text that is not a
 * JSON object still comes back, wrapped, so a hand-edited or truncated row never breaks a listing.
 */
export function parseDetails(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { text };
  }
}

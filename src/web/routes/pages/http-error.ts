/** An error the app's error handler answers as a page (browsers) or JSON, with this status and words. */
export function httpError(statusCode: number, code: string, message: string): Error & { statusCode: number; code: string } {
  return Object.assign(new Error(message), { statusCode, code });
}

/** A route's :id as a positive whole number, or a 400 naming what was wrong. */
export function parseSystemId(raw: unknown): number {
  const text = String(raw);
  const id = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw httpError(400, 'bad_system_id', `A system id is a positive whole number; "${text.slice(0, 40)}" is not.`);
  return id;
}

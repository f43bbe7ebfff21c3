import type { LogCursor } from '../db/repositories/logs.js';

/**
 * `before=<at>.<id>` on the Logs page and GET /api/v1/logs: the time and id of the last entry shown.
 * Both are needed because log ids are not in time order when several writers add entries.
 */
export const LOG_CURSOR_PATTERN = '^[0-9]{1,15}\\.[0-9]{1,16}$';

export function formatLogCursor(entry: LogCursor): string {
  return `${entry.at}.${entry.id}`;
}

/** The cursor, or null when the text is not one. */
export function parseLogCursor(text: string): LogCursor | null {
  if (!new RegExp(LOG_CURSOR_PATTERN).test(text)) return null;
  const [at, id] = text.split('.').map(Number);
  return at !== undefined && id !== undefined && Number.isSafeInteger(at) && Number.isSafeInteger(id) ? { at, id } : null;
}

import type { NewSystemLogRow } from '../db/schema.js';
import { type LogCategory, type LogEntry, type LogLevel, logCategories, logLevels } from './types.js';

export const maxMessageChars = 4000;
export const maxEndpointChars = 2000;
export const maxDetailsChars = 32_000;

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (logLevels as readonly string[]).includes(value);
}

export function isLogCategory(value: unknown): value is LogCategory {
  return typeof value === 'string' && (logCategories as readonly string[]).includes(value);
}

export function isBelow(level: LogLevel, minLevel: LogLevel): boolean {
  return levelRank[level] < levelRank[minLevel];
}

/** A row waiting in the queue: its id is assigned just before the first insert attempt. */
export type QueuedLogRow = Omit<NewSystemLogRow, 'id'> & { id?: number };

export type Prepared = { ok: true; row: QueuedLogRow } | { ok: false; reason: string };

const int32 = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= -2147483648 && (v as number) <= 2147483647;

/**
 * Validates and normalises an entry into the row to insert. Rejects only what would mislabel the
 * entry (unknown level/category, a system id that is not an integer); everything else is made
 * storable, because a row the database refuses would cost the whole batch a slow path.
 */
export function prepareRow(entry: LogEntry, now: number): Prepared {
  if (typeof entry !== 'object' || entry === null) return { ok: false, reason: 'entry is not an object' };
  if (!isLogLevel(entry.level)) return { ok: false, reason: `unknown level ${safeLabel(entry.level)}` };
  if (!isLogCategory(entry.category)) return { ok: false, reason: `unknown category ${safeLabel(entry.category)}` };
  const systemId = entry.systemId ?? null;
  if (systemId !== null && !int32(systemId)) return { ok: false, reason: `systemId ${safeLabel(systemId)} is not an integer` };
  const at = entry.at;
  return {
    ok: true,
    row: {
      system_id: systemId,
      created_at: typeof at === 'number' && Number.isFinite(at) ? Math.trunc(at) : now,
      level: entry.level,
      category: entry.category,
      message: cleanText(typeof entry.message === 'string' ? entry.message : String(entry.message), maxMessageChars),
      details: stringifyDetails(entry.details),
      http_status: int32(entry.httpStatus) ? entry.httpStatus : null,
      endpoint: typeof entry.endpoint === 'string' ? cleanText(entry.endpoint, maxEndpointChars) : null,
    },
  };
}

// PostgreSQL rejects NUL in text (22021), which would make the row a poison row on one engine only.
function cleanText(text: string, max: number): string {
  const clean = text.includes('\0') ? text.replaceAll('\0', '\uFFFD') : text;
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, max - 1);
  // Never leave half of a surrogate pair at the end.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function safeLabel(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 60);
  } catch {
    return typeof value;
  }
}

const jsonSafe = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** JSON text for details; never throws (circular, throwing getters, huge objects get a placeholder). */
export function stringifyDetails(details: unknown): string | null {
  if (details === undefined || details === null) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(details, jsonSafe);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0]?.slice(0, 200) : String(err);
    return JSON.stringify({ _unserializable: true, reason });
  }
  if (text === undefined) return null;
  if (text.length > maxDetailsChars) {
    return JSON.stringify({ _truncated: true, length: text.length, preview: text.slice(0, 1000) });
  }
  return text;
}

import { createHash } from 'node:crypto';
import type { Engine } from '../connect.js';

export type Row = Record<string, unknown>;

/**
 * A value read from one engine, made fit for the other. Both engines already return epoch ms as
 * numbers; what differs is booleans (PostgreSQL true/false, SQLite 0/1 — and better-sqlite3 binds
 * no booleans), plus anything a future column type might bring (Date, JSON objects).
 */
export function convertValue(value: unknown, target: Engine): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return target === 'sqlite' ? value.toISOString() : value;
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}

export function convertRow(row: Row, columns: string[], target: Engine): Row {
  const out: Row = {};
  for (const column of columns) out[column] = convertValue(row[column], target);
  return out;
}

/** One spelling per value whichever engine it came from, so that checksums compare across engines. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'n';
  if (typeof value === 'boolean') return `i${value ? 1 : 0}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `i${String(value)}`;
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`;
  if (value instanceof Date) return `s${value.toISOString()}`;
  if (typeof value === 'object') return `s${JSON.stringify(value)}`;
  return `s${String(value)}`;
}

const modulus = 1n << 128n;

/**
 * An order-independent checksum of a table: the sum (mod 2^128) of every row's SHA-256 prefix.
 * Order-independent because the engines sort text differently (collations), so the same rows may
 * be read in a different order from each side.
 */
export function createTableDigest(columns: string[]) {
  const names = [...columns].sort();
  let sum = 0n;
  let rows = 0;
  return {
    add(row: Row): void {
      const text = JSON.stringify(names.map((n) => canonical(row[n])));
      sum = (sum + BigInt(`0x${createHash('sha256').update(text).digest('hex').slice(0, 32)}`)) % modulus;
      rows++;
    },
    result(): { rows: number; checksum: string } {
      return { rows, checksum: sum.toString(16).padStart(32, '0') };
    },
  };
}

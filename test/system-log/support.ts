// Shared pieces of the system-log tests: a logger that records, handles that count or fail.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/db/connect.js';
import type { LogEntry, LogWriterOptions, ProcessLogger } from '../../src/system-log/types.js';

export interface LogLine {
  level: 'warn' | 'error' | 'info';
  obj: Record<string, unknown>;
  msg: string;
}

export function captureLogger(): ProcessLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record = (level: LogLine['level']) => (obj: object, msg?: string) =>
    void lines.push({ level, obj: obj as Record<string, unknown>, msg: msg ?? '' });
  return { lines, warn: record('warn'), error: record('error'), info: record('info') };
}

/** Sums the `count` of every log line whose message matches: throttled reports carry counts. */
export function reportedCount(lines: LogLine[], pattern: RegExp): number {
  return lines.filter((l) => pattern.test(l.msg)).reduce((sum, l) => sum + Number(l.obj.count ?? 1), 0);
}

export function entry(i: number, overrides: Partial<LogEntry> = {}): LogEntry {
  return { systemId: (i % 7) + 1, level: 'info', category: 'api_call', message: `entry ${i}`, details: { i }, ...overrides };
}

export function writerOptions(handle: DatabaseHandle, overrides: Partial<LogWriterOptions> = {}): LogWriterOptions {
  return {
    handle,
    cleanup: { sampleRate: 0, retentionDays: 30, maxPerSystem: 1_000_000 },
    logger: captureLogger(),
    ...overrides,
  };
}

/** Replaces `transaction` on the handle's Kysely instance; everything else passes through. */
export function wrapTransaction(
  handle: DatabaseHandle,
  wrap: (real: () => ReturnType<DatabaseHandle['db']['transaction']>) => ReturnType<DatabaseHandle['db']['transaction']>,
): DatabaseHandle {
  const real = handle.db;
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === 'transaction') return () => wrap(() => target.transaction());
      const value = Reflect.get(target, prop, target);
      // Kysely keeps its state in #private fields, so methods must run on the real instance.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...handle, engine: handle.engine, display: handle.display, db, ping: handle.ping, close: handle.close };
}

/** Counts transactions begun through the handle. */
export function countTransactions(handle: DatabaseHandle): { handle: DatabaseHandle; count: () => number } {
  let n = 0;
  const wrapped = wrapTransaction(handle, (real) => {
    n++;
    return real();
  });
  return { handle: wrapped, count: () => n };
}

/**
 * Counts transactions and INSERT statements through the handle: statements built with Kysely's
 * builder are seen by a plugin, precompiled ones by wrapping the transaction's executeQuery.
 */
export function countStatements(raw: DatabaseHandle): { handle: DatabaseHandle; transactions: () => number; inserts: () => number } {
  let inserts = 0;
  let transactions = 0;
  const db = raw.db.withPlugin({
    transformQuery: (args) => {
      if (args.node.kind === 'InsertQueryNode') inserts++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  const handle = wrapTransaction({ ...raw, engine: raw.engine, display: raw.display, db, ping: raw.ping, close: raw.close }, (real) => {
    transactions++;
    const builder = real();
    return new Proxy(builder, {
      get(target, prop) {
        if (prop !== 'execute') return Reflect.get(target, prop, target);
        return (fn: Parameters<typeof target.execute>[0]) =>
          target.execute((trx) =>
            fn(
              new Proxy(trx, {
                get(t, p) {
                  const value = Reflect.get(t, p, t);
                  if (p !== 'executeQuery' || typeof value !== 'function') return typeof value === 'function' ? value.bind(t) : value;
                  return (query: { sql: string }, ...rest: unknown[]) => {
                    if (/^\s*insert\b/i.test(query.sql)) inserts++;
                    return value.call(t, query, ...rest);
                  };
                },
              }),
            ),
          );
      },
    });
  });
  return { handle, transactions: () => transactions, inserts: () => inserts };
}

/** An error shaped like the ones pg throws when the server goes away. */
export function connectionLost(message = 'Connection terminated unexpectedly'): Error {
  return new Error(message);
}

/** Runs each transaction through `plan`: fail before it starts, after it committed, or pass. */
export function flakyTransactions(
  handle: DatabaseHandle,
  plan: (call: number) => 'fail-before' | 'fail-after-commit' | 'pass',
): DatabaseHandle {
  let calls = 0;
  return wrapTransaction(handle, (real) => {
    const builder = real();
    const mode = plan(calls++);
    return new Proxy(builder, {
      get(target, prop) {
        if (prop !== 'execute') return Reflect.get(target, prop, target);
        return async (fn: Parameters<typeof target.execute>[0]) => {
          if (mode === 'fail-before') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
          const result = await target.execute(fn);
          if (mode === 'fail-after-commit') throw connectionLost();
          return result;
        };
      },
    });
  });
}

export async function countRows(handle: DatabaseHandle): Promise<{ rows: number; uids: number; messages: number }> {
  const r = await sql<{ n_rows: number | string; uids: number | string; messages: number | string }>`
    select count(*) as n_rows, count(distinct id) as uids, count(distinct message) as messages from system_logs`.execute(handle.db);
  const row = r.rows[0];
  return { rows: Number(row?.n_rows), uids: Number(row?.uids), messages: Number(row?.messages) };
}

export async function messages(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db.selectFrom('system_logs').select('message').orderBy('id').execute();
  return rows.map((r) => r.message);
}

/** Polls until `condition` holds; fails the test after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

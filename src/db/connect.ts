import { once } from 'node:events';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import type { DatabaseTarget } from './target.js';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly engine: Engine;
  readonly db: Kysely<Database>;
  /** The target with any password masked: safe to print. */
  readonly display: string;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(timeoutMs?: number): Promise<void>;
  /** Closes every connection and waits until they are gone. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  poolSize?: number;
  /** SQLite only: how long one statement waits for another process's lock. */
  busyTimeoutMs?: number;
  onPoolError?: (err: Error) => void;
}

const PG_INT8_OID = 20;

export function openDatabase(target: DatabaseTarget, options: ConnectOptions = {}): DatabaseHandle {
  return target.kind === 'sqlite' ? openSqlite(target, options) : openPostgres(target, options);
}

function openSqlite(target: Extract<DatabaseTarget, { kind: 'sqlite' }>, options: ConnectOptions): DatabaseHandle {
  const memory = target.file === ':memory:';
  if (!memory) mkdirSync(path.dirname(target.file), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  // Exactly one connection per process: SQLite serialises writers anyway, and a pool of
  // connections only turns waiting into "database is locked" errors.
  const raw = new SqliteDatabase(target.file, { timeout: busyTimeoutMs });
  try {
    if (!memory) {
      const mode = raw.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') {
        throw new Error(`SQLite refused WAL mode for ${target.file} (journal_mode is ${String(mode)}); is it on a network share?`);
      }
    }
    raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    // A 16 MiB page cache keeps the log table's hot index pages in memory (the default is 2 MiB;
    // 64 MiB measured no faster for the log writer and cost the poller ~30 MB of RSS), and a 16 MiB
    // WAL between automatic checkpoints spends less time checkpointing batched writes.
    raw.pragma('cache_size = -16384');
    raw.pragma('wal_autocheckpoint = 4000');
    raw.pragma('temp_store = MEMORY');
  } catch (err) {
    raw.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
  return {
    engine: 'sqlite',
    db,
    display: target.display,
    async ping() {
      // An open handle keeps answering after the file is deleted or its volume unmounted, so
      // check the file too: data written from now on would be lost with the handle.
      if (!memory && !existsSync(target.file)) throw new Error(`SQLite file ${target.file} is gone`);
      await sql`select 1 as ok`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    // Times and byte counts are int8; they fit a JS number, so both engines return numbers.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === PG_INT8_OID ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // Without a listener, an idle client whose server goes away emits 'error' and kills the process.
  pool.on('error', (err) => options.onPoolError?.(err));
  // pg-pool removes its listener while a client is checked out (Kysely holds one for a whole
  // transaction), and a server restart then emits an unhandled 'error' that kills the process.
  // The query in flight rejects on its own; this listener only keeps the process alive.
  pool.on('connect', (client) => client.on('error', (err) => options.onPoolError?.(err)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    engine: 'postgres',
    db,
    display: target.display,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([sql`select 1 as ok`.execute(db), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await closePool(pool, db);
    },
  };
}

// pool.end() resolves before the sockets have closed; wait for every client's 'remove' so that a
// caller stopping the server right after close() never sees a spurious 57P01.
async function closePool(pool: pg.Pool, db: Kysely<Database>): Promise<void> {
  const open = pool.totalCount;
  const removed = open > 0 ? waitForRemovals(pool, open) : Promise.resolve();
  await db.destroy();
  await Promise.race([removed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
}

async function waitForRemovals(pool: pg.Pool, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await once(pool, 'remove');
}

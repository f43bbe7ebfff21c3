// Throughput of the system-log writer on SQLite and PostgreSQL, beside the naive one row per
// transaction, and entries lost while a second OS process writes to the same SQLite file.
// Prints one JSON line. Options: --entries N (default 200000), --runs N (3), --naive N (20000),
// --systems N (200: entries spread round-robin over this many systems, the index's worst case).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { parseDatabaseUrl } from '../src/db/target.js';
import type { LogEntry, LogWriterStats } from '../src/system-log/types.js';
import { createLogWriter } from '../src/system-log/writer.js';
import { startPgServer } from '../test/helpers/pg-server.js';

const { values } = parseArgs({ options: { entries: { type: 'string' }, runs: { type: 'string' }, naive: { type: 'string' }, systems: { type: 'string' } } });
const entries = Number(values.entries ?? 200_000);
const runs = Number(values.runs ?? 3);
const naiveEntries = Number(values.naive ?? 20_000);
const systems = Number(values.systems ?? 200);
const targets = { sqlite: 100_000, postgres: 30_000, lost: 0 };
// What a poll logs: a short message, a small details object, status and endpoint.
const cleanup = { sampleRate: 0.1, retentionDays: 30, maxPerSystem: 1_000_000_000 };
// Compiled, this file runs from dist-bench/bench/: the fixture stays in the repository's test/.
const repoRoot = path.resolve(import.meta.dirname, import.meta.url.endsWith('.js') ? '../..' : '..');
const competitorScript = path.join(repoRoot, 'test', 'fixtures', 'sqlite-competitor.mjs');

function makeEntry(i: number): LogEntry {
  return {
    systemId: (i % systems) + 1,
    level: i % 50 === 0 ? 'warn' : 'info',
    category: 'api_call',
    message: `GET /api/2.26/arrays answered 200 in ${i % 900} ms (entry ${i})`,
    details: { durationMs: i % 900, attempt: 1 },
    httpStatus: 200,
    endpoint: '/api/2.26/arrays',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const silent = { warn() {}, error() {}, info() {} };

/** Entries per second through the writer: first write() until flush() resolves. */
async function throughWriter(handle: DatabaseHandle, n: number): Promise<{ rate: number; stats: LogWriterStats }> {
  const writer = createLogWriter({ handle, cleanup, logger: silent });
  const started = performance.now();
  // The producer yields between slices, as pollers do, and keeps below the queue bound (the
  // benchmark measures how fast the writer drains, not how much it drops when flooded).
  for (let i = 0; i < n; ) {
    const end = Math.min(n, i + 5000);
    for (; i < end; i++) writer.write(makeEntry(i));
    await new Promise((r) => setImmediate(r));
    while (writer.stats().queued > 50_000) await new Promise((r) => setTimeout(r, 1));
  }
  await writer.flush();
  const rate = n / ((performance.now() - started) / 1000);
  await writer.close();
  return { rate, stats: writer.stats() };
}

/** One awaited INSERT per entry, each its own transaction: what the writer replaces. */
async function naive(handle: DatabaseHandle, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const e = makeEntry(i);
    await handle.db
      .insertInto('system_logs')
      .values({ id: i + 1, system_id: e.systemId, created_at: Date.now(), level: e.level, category: e.category,
        message: e.message, details: JSON.stringify(e.details), http_status: e.httpStatus ?? null, endpoint: e.endpoint ?? null })
      .execute();
  }
  return n / ((performance.now() - started) / 1000);
}

async function countRows(handle: DatabaseHandle, where = sql`true`): Promise<{ n: number; uids: number }> {
  const r = await sql<{ n: number; uids: number }>`select count(*) as n, count(distinct message) as uids from system_logs where ${where}`.execute(handle.db);
  return { n: Number(r.rows[0]?.n), uids: Number(r.rows[0]?.uids) };
}

async function withSqlite<T>(fn: (handle: DatabaseHandle, file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sfd-bench-'));
  const file = path.join(dir, 'bench.db');
  const handle = openDatabase(parseDatabaseUrl(`sqlite:${file}`));
  try {
    await migrateToLatest(handle.db);
    return await fn(handle, file);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface EngineResult { writerRuns: number[]; naiveRuns: number[]; lost: number; dropped: number }

async function measure(handle: DatabaseHandle, result: EngineResult): Promise<void> {
  const { rate, stats } = await throughWriter(handle, entries);
  const found = await countRows(handle);
  result.writerRuns.push(rate);
  result.lost += entries - found.uids;
  result.dropped += stats.dropped;
}

async function benchSqlite(): Promise<EngineResult> {
  const result: EngineResult = { writerRuns: [], naiveRuns: [], lost: 0, dropped: 0 };
  for (let r = 0; r < runs; r++) {
    await withSqlite((handle) => measure(handle, result));
    result.naiveRuns.push(await withSqlite((handle) => naive(handle, naiveEntries)));
  }
  return result;
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
}

async function benchPostgres(): Promise<EngineResult> {
  const result: EngineResult = { writerRuns: [], naiveRuns: [], lost: 0, dropped: 0 };
  const server = await startPgServer();
  try {
    for (let r = 0; r < runs * 2; r++) {
      const name = `bench_${r}`;
      await createDatabase(server.adminUrl, name);
      const handle = openDatabase(parseDatabaseUrl(server.urlFor(name)), { onPoolError: () => {} });
      try {
        await migrateToLatest(handle.db);
        if (r % 2 === 0) await measure(handle, result);
        else result.naiveRuns.push(await naive(handle, naiveEntries));
      } finally {
        await handle.close();
      }
    }
  } finally {
    await server.destroy();
  }
  return result;
}

/** The writer and a second process writing short transactions to the same file at once. */
async function benchContention() {
  return withSqlite(async (handle, file) => {
    const child = fork(competitorScript, [file, 'compete', '200', '1'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const messages: { ready?: boolean; inserted?: number }[] = [];
    child.on('message', (m) => messages.push(m as { inserted?: number }));
    const exited = once(child, 'exit');
    try {
      while (!messages.some((m) => m.ready)) await new Promise((r) => setTimeout(r, 5));
      const { rate, stats } = await throughWriter(handle, entries);
      child.send('stop');
      await exited;
      const competitorRows = messages.find((m) => m.inserted !== undefined)?.inserted ?? -1;
      const ours = await countRows(handle, sql`message not like 'competitor %'`);
      const theirs = await countRows(handle, sql`message like 'competitor %'`);
      return {
        entries,
        lost: entries - ours.uids,
        duplicates: ours.n - ours.uids,
        retried: stats.retried,
        competitor_rows: competitorRows,
        competitor_rows_lost: competitorRows - theirs.uids,
        entries_per_s: Math.round(rate),
      };
    } finally {
      if (child.exitCode === null) child.kill();
    }
  });
}

const loadBefore = os.loadavg()[0];
const sqlite = await benchSqlite();
const postgres = await benchPostgres();
const contention = await benchContention();
const lost = sqlite.lost + postgres.lost + contention.lost + Math.max(0, contention.duplicates);
const rate = (xs: number[]) => Math.round(median(xs));
const load = (x: number | undefined) => Number((x ?? 0).toFixed(2));
console.log(
  JSON.stringify({
    bench: 'log-writer', entries, runs, systems, batch_size: 5000,
    sqlite_writer_entries_per_s: rate(sqlite.writerRuns), sqlite_writer_runs: sqlite.writerRuns.map(Math.round),
    sqlite_naive_entries_per_s: rate(sqlite.naiveRuns),
    postgres_writer_entries_per_s: rate(postgres.writerRuns), postgres_writer_runs: postgres.writerRuns.map(Math.round),
    postgres_naive_entries_per_s: rate(postgres.naiveRuns), naive_entries: naiveEntries,
    lost_without_contention: sqlite.lost + postgres.lost, dropped_without_contention: sqlite.dropped + postgres.dropped,
    sqlite_contention: contention,
    sqlite_settings: `file in ${os.tmpdir()},journal_mode=WAL,synchronous=NORMAL,busy_timeout=5000`,
    pg_settings: 'fsync=off,synchronous_commit=off,full_page_writes=off',
    cleanup: 'sampleRate=0.1,retentionDays=30 (runs; deletes nothing here)',
    targets,
    targets_met: rate(sqlite.writerRuns) >= targets.sqlite && rate(postgres.writerRuns) >= targets.postgres && lost === targets.lost,
    loadavg_1m: [load(loadBefore), load(os.loadavg()[0])], node: process.version, cpus: os.cpus().length,
  }),
);

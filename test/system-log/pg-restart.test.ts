// The PostgreSQL server is stopped for about two seconds and started again while the writer keeps
// receiving entries: batches in flight die with 57P01 / "Connection terminated" (some of them
// possibly after COMMIT), later ones with ECONNREFUSED. Every entry must land exactly once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { parseDatabaseUrl } from '../../src/db/target.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { startPgServer } from '../helpers/pg-server.js';
import { captureLogger, entry, writerOptions } from './support.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('PostgreSQL stopped and restarted mid-run: every entry is written exactly once', async () => {
  const server = await startPgServer();
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query('create database restart_test');
  await admin.end();
  const poolErrors: Error[] = [];
  const handle = openDatabase(parseDatabaseUrl(server.urlFor('restart_test')), { onPoolError: (e) => poolErrors.push(e) });
  try {
    await migrateToLatest(handle.db);
    const logger = captureLogger();
    const writer = createLogWriter(writerOptions(handle, { logger, batchSize: 100, retryBaseMs: 50, requeueDelayMs: 200 }));
    let sent = 0;
    const producer = setInterval(() => {
      for (let k = 0; k < 20; k++) writer.write(entry(sent, { message: `entry ${sent++}` }));
    }, 5);

    await pause(700);
    const beforeStop = writer.stats().written;
    await server.stop();
    await pause(2000);
    const duringStop = writer.stats();
    await server.start();
    await pause(700);
    clearInterval(producer);

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('flush did not finish after the restart')), 30_000);
    });
    await Promise.race([writer.flush(), timeout]).finally(() => clearTimeout(timer));
    await writer.close();
    const stats = writer.stats();
    const counts = await sql<{ n: number; uids: number; msgs: number }>`
      select count(*)::int as n, count(distinct id)::int as uids, count(distinct message)::int as msgs from system_logs`.execute(handle.db);
    assert.deepEqual(counts.rows[0], { n: sent, uids: sent, msgs: sent });
    const max = await sql<{ n: number }>`select count(*)::int as n from system_logs where message = ${`entry ${sent - 1}`}`.execute(handle.db);
    assert.equal(max.rows[0]?.n, 1);
    assert.ok(beforeStop > 0, 'entries were written before the stop');
    assert.ok(duringStop.queued > 0, 'entries queued up while the server was down');
    assert.ok(stats.retried > 0, `transient errors were retried: ${JSON.stringify(stats)}`);
    assert.equal(stats.dropped, 0);
    assert.equal(stats.written, sent);
    assert.ok(logger.lines.some((l) => /stays queued/.test(l.msg)), 'the outage was reported');
  } finally {
    await handle.close();
    await server.destroy();
  }
});

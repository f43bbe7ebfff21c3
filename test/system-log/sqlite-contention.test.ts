// A second OS process holds SQLite's write lock for seconds at a time while the writer keeps
// writing: SQLITE_BUSY must really happen (short busy timeout), be retried, and lose nothing.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createLogWriter } from '../../src/system-log/writer.js';
import { createTestDatabase } from '../helpers/databases.js';
import { captureLogger, entry, writerOptions } from './support.js';

const competitor = path.resolve(import.meta.dirname, '../fixtures/sqlite-competitor.mjs');

test('another process holding BEGIN IMMEDIATE for 1.5 s, 3 times: every entry is written exactly once', async () => {
  const testDb = await createTestDatabase('sqlite');
  const handle = testDb.open({ busyTimeoutMs: 200 });
  await migrateToLatest(handle.db);
  // Forked only now: the competitor prepares its INSERT at start, so the table must exist.
  const child = fork(competitor, [testDb.url.slice('sqlite:'.length), 'hold', '3', '1500', '300'], { execArgv: [], stdio: 'inherit' });
  try {
    const logger = captureLogger();
    const writer = createLogWriter(writerOptions(handle, { logger, requeueDelayMs: 100, batchSize: 200 }));
    const messages: unknown[] = [];
    child.on('message', (m) => messages.push(m));
    const exited = once(child, 'exit');

    let sent = 0;
    const produce = () => {
      for (let k = 0; k < 20; k++) writer.write(entry(sent, { message: `writer ${sent++}` }));
    };
    const producer = setInterval(produce, 5);
    const [code] = await exited;
    clearInterval(producer);
    produce();
    assert.equal(code, 0, 'competitor exited cleanly');
    assert.ok(messages.some((m) => (m as { released?: number }).released === 2), 'all three holds happened');

    await writer.close(20_000);
    const stats = writer.stats();
    const counts = await sql<{ n: number; uids: number; msgs: number }>`
      select count(*) as n, count(distinct id) as uids, count(distinct message) as msgs
      from system_logs where message like 'writer %'`.execute(handle.db);
    assert.deepEqual(counts.rows[0], { n: sent, uids: sent, msgs: sent });
    const held = await sql<{ n: number }>`select count(*) as n from system_logs where message like 'competitor hold %'`.execute(handle.db);
    assert.equal(held.rows[0]?.n, 3);
    assert.ok(stats.retried > 0, `SQLITE_BUSY should have been retried: ${JSON.stringify(stats)}`);
    assert.match(String(stats.lastError), /SQLITE_BUSY/);
    assert.equal(stats.dropped, 0);
    assert.equal(stats.written, sent);
    assert.ok(sent > 1000, `the writer kept receiving entries during the holds (${sent})`);
  } finally {
    if (child.exitCode === null) child.kill();
    await handle.close();
    await testDb.dispose();
  }
});

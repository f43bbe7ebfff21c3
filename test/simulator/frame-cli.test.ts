import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { Agent, request } from 'undici';
import type { FleetFile } from '../../src/simulator/fleet-file.js';
import { runCli, sfdBin } from '../helpers/cli.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-simulate-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

test('sfd simulate serves the systems, writes the fleet file, and exits 0 on SIGTERM', async () => {
  // No DATABASE_URL or any other configuration: simulate needs none.
  const child = spawn(process.execPath, [sfdBin, 'simulate', '--systems', '4', '--port', '0', '--seed', '3'], {
    cwd,
    env: { PATH: process.env.PATH ?? '' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no fleet file line within 30 s:\n${stdout}\n${stderr}`)), 30_000);
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/^fleet file: /m.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((code) => reject(new Error(`exited ${code} early:\n${stdout}\n${stderr}`)));
    });
    const origin = /listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
    assert.ok(origin, stdout);
    assert.match(stdout, /4 systems: pure 1, ontap 1, storagegrid 1, datadomain 1/);
    const fleetPath = /^fleet file: (.+)$/m.exec(stdout)?.[1] ?? '';
    assert.equal(fleetPath, path.join(cwd, 'simulated-fleet.json'));
    const fleet = JSON.parse(readFileSync(fleetPath, 'utf8')) as FleetFile;
    assert.equal(fleet.systems.length, 4);
    const fingerprint = fleet.systems[0]?.tls.mode === 'pinned' ? fleet.systems[0].tls.fingerprintSha256 : '';
    assert.ok(stdout.includes(fingerprint));

    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    const res = await request(`${origin}/`, { dispatcher: agent });
    assert.equal(res.statusCode, 200);
    assert.equal(((await res.body.json()) as { systems: unknown[] }).systems.length, 4);
    await agent.close();

    const stopping = Date.now();
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    assert.ok(Date.now() - stopping < 10_000);
  } finally {
    child.kill('SIGKILL');
  }
});

test('sfd simulate refuses bad arguments with its usage and exit code 2', async () => {
  for (const args of [[], ['--systems', '0'], ['--systems', '2', '--scenario', 'nope'], ['--systems', '2', '--speed', '-1'], ['--systems', '2', 'extra']]) {
    const { code, err } = await runCli(['simulate', ...args], {}, cwd);
    assert.equal(code, 2, `${args.join(' ')}: ${err}`);
    assert.match(err, /usage: sfd simulate/);
  }
  const help = await runCli(['simulate', '--help'], {}, cwd);
  assert.equal(help.code, 0);
  assert.match(help.out, /--fleet-file PATH/);
});

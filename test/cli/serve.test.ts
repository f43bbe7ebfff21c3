import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { sfdBin } from '../helpers/cli.js';
import { createTestDatabase, engines } from '../helpers/databases.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-serve-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

for (const engine of engines) {
  test(`sfd serve on ${engine}: migrates, answers /readyz, exits 0 on SIGTERM`, async () => {
    const testDb = await createTestDatabase(engine);
    const child = spawn(process.execPath, [sfdBin, 'serve', '--port', '0'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: testDb.url, PROCESS_LOG_LEVEL: 'info' },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    try {
      const address = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "listening" line within 20 s:\n${stdout}\n${stderr}`)), 20_000);
        child.stdout.on('data', (d) => {
          stdout += d;
          const line = stdout.split('\n').find((l) => l.includes('"listening"'));
          if (line) {
            clearTimeout(timer);
            resolve(JSON.parse(line).address);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before listening:\n${stdout}\n${stderr}`)));
      });
      const ready = await fetch(`${address}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(((await ready.json()) as { status: string }).status, "ready");
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const started = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      assert.equal(code, 0, stderr);
      assert.ok(Date.now() - started < 10_000);
      assert.match(stdout, /"shutting down"/);
      assert.match(stdout, /"stopped"/);
      assert.doesNotMatch(stdout, /postgres:postgres@/, 'the database password must not be logged');
    } finally {
      child.kill('SIGKILL');
      await testDb.dispose();
    }
  });
}

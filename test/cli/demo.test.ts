import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../../src/db/connect.js';
import { parseDatabaseUrl } from '../../src/db/target.js';
import { spawnSfd, waitUntil } from '../helpers/spawned.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-demo-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

/** The printed demo credentials really sign in (and a wrong password does not). */
async function assertSignIn(url: string, password: string) {
  const page = await fetch(`${url}/login`, { headers: { accept: 'text/html' } });
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const attempt = (pw: string) =>
    fetch(`${url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ username: 'admin', password: pw, _csrf: token }).toString(),
    });
  assert.equal((await attempt(`${password}x`)).status, 401);
  const ok = await attempt(password);
  assert.equal(ok.status, 303);
  assert.ok(ok.headers.getSetCookie().some((c) => c.startsWith('sfd_session=')));
}

test('sfd demo: simulator, poller and web in one process on a fresh ./data/demo.db', async () => {
  // No DATABASE_URL and no SECRET_KEY: the demo brings both.
  const run = async () => {
    const demo = spawnSfd(['demo', '--systems', '8', '--port', '0'], {}, cwd);
    try {
      const url = (await demo.waitForLine(/dashboard: http:\/\//)).split('dashboard: ')[1]?.trim() ?? '';
      const password = /sign in as: admin \/ (\S+)/.exec(demo.stdout())?.[1] ?? '';
      assert.ok(password.length >= 10, demo.stdout());
      await assertSignIn(url, password);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      const handle = openDatabase(parseDatabaseUrl(`sqlite:${path.join(cwd, 'data', 'demo.db')}`));
      try {
        await waitUntil(async () => (await handle.db.selectFrom('system_status').select('reachability').execute()).length === 8, 20_000, 'a status row for all 8 systems');
        const rows = await handle.db.selectFrom('system_status').select('reachability').execute();
        assert.ok(rows.every((r) => r.reachability === 'ok'), JSON.stringify(rows));
        assert.equal((await handle.db.selectFrom('storage_systems').select('id').execute()).length, 8);
      } finally {
        await handle.close();
      }
      const { code, ms } = await demo.terminate();
      assert.equal(code, 0, demo.stderr());
      assert.ok(ms < 10_000, `took ${ms} ms to stop`);
    } finally {
      demo.child.kill('SIGKILL');
    }
  };
  await run();
  // A second start begins from a fresh file, not on top of the first run's data.
  await run();
});

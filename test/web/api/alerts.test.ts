import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listAudit } from '../../../src/db/repositories/audit.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { as, buildTestApp, HOSTILE, seedSystem } from './support.js';

for (const engine of engines) {
  describe(`API alerts (${engine})`, () => {
    test('lists open alerts across the fleet with filters, and the resolved history', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const fa = await seedSystem(handle, 'fa-01', 'pure');
        const dd = await seedSystem(handle, 'dd-01', 'datadomain');
        const app = await buildTestApp(handle);
        try {
          const get = async (query: string) => {
            const res = await app.inject({ url: `/api/v1/alerts${query}`, headers: as('viewer') });
            assert.equal(res.statusCode, 200, res.body);
            return res.json().alerts as { id: number; systemId: number; vendor: string; severity: string; title: string; systemName: string; resolvedAt: number | null }[];
          };
          assert.equal((await get('')).length, 4);
          assert.ok((await get('')).every((a) => a.resolvedAt === null));
          assert.deepEqual((await get('?severity=warning')).map((a) => a.title), ['Fan slow', 'Fan slow']);
          assert.deepEqual(new Set((await get('?vendor=datadomain')).map((a) => a.systemName)), new Set(['dd-01']));
          assert.ok((await get(`?systemId=${fa}`)).every((a) => a.systemId === fa));
          assert.equal((await get(`?systemId=${dd}&severity=critical`))[0]?.title, HOSTILE);
          // Worst first: the same order as the Alerts page, since both read one repository function.
          assert.deepEqual((await get('')).map((a) => a.severity), ['critical', 'critical', 'warning', 'warning']);
          const resolved = await get('?state=resolved');
          assert.deepEqual(resolved.map((a) => a.title), ['old news', 'old news']);
          const [newest] = await get('?state=resolved&limit=1');
          assert.ok(newest);
          const older = await get(`?state=resolved&before=${newest.resolvedAt}-${newest.id}`);
          assert.deepEqual(older.map((a) => a.id), [resolved[1]?.id]);
          assert.equal((await get('?limit=1')).length, 1);
          for (const bad of ['?severity=fatal', '?vendor=emc', '?state=closed', '?limit=5000', '?systemId=x', '?state=resolved&before=12']) {
            const res = await app.inject({ url: `/api/v1/alerts${bad}`, headers: as('viewer') });
            assert.equal(res.statusCode, 400, bad);
            assert.equal(res.json().error, 'invalid_request');
          }
        } finally {
          await app.close();
        }
      });
    });

    test('a signed-in viewer (or token) acknowledges with a comment; recorded in the audit log', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        await seedSystem(handle, 'fa-01');
        const app = await buildTestApp(handle, { options: { anonymousRead: true } });
        try {
          const [open] = (await app.inject({ url: '/api/v1/alerts?severity=critical', headers: as('viewer') })).json().alerts;
          const url = `/api/v1/alerts/${open.id}/ack`;
          const headers = { ...as('viewer'), 'content-type': 'application/json' };

          assert.equal((await app.inject({ method: 'POST', url, headers: { ...as('anonymous') }, payload: {} })).statusCode, 401);
          assert.equal((await app.inject({ method: 'POST', url, payload: {} })).statusCode, 401);

          const res = await app.inject({ method: 'POST', url, headers, payload: { comment: 'vendor case 123' } });
          assert.equal(res.statusCode, 200, res.body);
          assert.equal(res.json().acknowledgedBy, 'vic-viewer');
          assert.equal(res.json().ackComment, 'vendor case 123');
          assert.equal(typeof res.json().acknowledgedAt, 'number');
          // Acknowledged alerts still count as open: acknowledging never hides a fault.
          const list = (await app.inject({ url: '/api/v1/systems', headers: as('viewer') })).json();
          assert.equal(list.systems[0].alerts.critical, 1);

          const audit = await listAudit(handle.db);
          assert.equal(audit[0]?.action, 'alert.ack');
          assert.equal(audit[0]?.username, 'vic-viewer');
          assert.equal(audit[0]?.targetId, String(open.id));
          assert.equal(audit[0]?.details?.comment, 'vendor case 123');

          // No body at all is fine: the comment is optional.
          const bare = await app.inject({ method: 'POST', url, headers: as('viewer') });
          assert.equal(bare.statusCode, 200, bare.body);
          assert.equal(bare.json().ackComment, null);

          const unknown = await app.inject({ method: 'POST', url, headers, payload: { comment: 'x', by: 'mallory' } });
          assert.equal(unknown.statusCode, 400);
          assert.match(unknown.json().message, /unknown field: by/);
          assert.equal((await app.inject({ method: 'POST', url: '/api/v1/alerts/999/ack', headers, payload: {} })).statusCode, 404);
          const [gone] = (await app.inject({ url: '/api/v1/alerts?state=resolved', headers: as('viewer') })).json().alerts;
          const resolved = await app.inject({ method: 'POST', url: `/api/v1/alerts/${gone.id}/ack`, headers, payload: {} });
          assert.equal(resolved.statusCode, 409);
          assert.equal(resolved.json().error, 'alert_resolved');
        } finally {
          await app.close();
        }
      });
    });
  });
}

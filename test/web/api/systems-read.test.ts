import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALERT_SEVERITIES } from '../../../src/domain/snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { as, buildTestApp, HOSTILE, seedSystem } from './support.js';

const LIST_FIELDS = [
  'address',
  'alerts',
  'capacity',
  'enabled',
  'health',
  'id',
  'lastOkAt',
  'lastPolledAt',
  'message',
  'name',
  'port',
  'reachability',
  'stale',
  'tags',
  'topology',
  'vendor',
];

for (const engine of engines) {
  describe(`API systems, read (${engine})`, () => {
    test('the list carries exactly the promised fields, from the fleet snapshot, never credentials', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, HOSTILE);
        const app = await buildTestApp(handle);
        try {
          const res = await app.inject({ url: '/api/v1/systems', headers: as('viewer') });
          assert.equal(res.statusCode, 200);
          assert.match(String(res.headers['content-type']), /application\/json/);
          const { systems } = res.json();
          assert.equal(systems.length, 1);
          const [item] = systems;
          assert.deepEqual(Object.keys(item).sort(), LIST_FIELDS);
          assert.equal(item.id, id);
          assert.equal(item.name, HOSTILE);
          assert.equal(item.vendor, 'pure');
          assert.equal(item.health, 'critical');
          assert.equal(item.reachability, 'ok');
          assert.equal(item.stale, false);
          assert.equal(item.topology, 'ha');
          assert.deepEqual(item.tags, ['prod', 'dc1']);
          assert.deepEqual(Object.keys(item.capacity).sort(), ['freeBytes', 'percentUsed', 'totalBytes', 'usedBytes']);
          assert.equal(item.capacity.percentUsed, 50);
          assert.deepEqual(item.alerts, { critical: 1, major: 0, warning: 1, info: 0 });
          assert.equal(typeof item.lastPolledAt, 'number');
          assert.doesNotMatch(res.body, /SEALED|super-secret|credentials/);
        } finally {
          await app.close();
        }
      });
    });

    test('the detail adds components, open alerts, identity and the status message', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const id = await seedSystem(handle, 'fa-01');
        const app = await buildTestApp(handle);
        try {
          const res = await app.inject({ url: `/api/v1/systems/${id}`, headers: as('viewer') });
          assert.equal(res.statusCode, 200);
          const body = res.json();
          assert.equal(body.name, 'fa-01');
          assert.deepEqual(body.identity, { model: 'FA-X70R4', serial: 'PSN123', osVersion: '6.5.10', apiVersion: '2.26' });
          assert.equal(body.components[0].name, HOSTILE);
          assert.deepEqual(body.openAlerts.map((a: { vendorAlertId: string }) => a.vendorAlertId).sort(), ['a1', 'a2']);
          assert.equal(body.openAlerts[0].systemName, 'fa-01');
          assert.deepEqual(Object.keys(body.alerts).sort(), [...ALERT_SEVERITIES].sort());
          assert.equal(body.message, null);
          assert.deepEqual(body.tls, { mode: 'insecure', fingerprintSha256: null });
          assert.equal(body.pollDurationMs, 1234);
          assert.doesNotMatch(res.body, /SEALED|super-secret|credentials/);
        } finally {
          await app.close();
        }
      });
    });

    test('unknown ids are 404 and bad ids 400, both as {error, message}', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const app = await buildTestApp(handle);
        try {
          const missing = await app.inject({ url: '/api/v1/systems/999', headers: as('viewer') });
          assert.equal(missing.statusCode, 404);
          assert.deepEqual(Object.keys(missing.json()).sort(), ['error', 'message']);
          assert.equal(missing.json().error, 'not_found');
          const bad = await app.inject({ url: '/api/v1/systems/abc', headers: as('viewer') });
          assert.equal(bad.statusCode, 400);
          assert.equal(bad.json().error, 'invalid_request');
          assert.match(bad.json().message, /id/);
        } finally {
          await app.close();
        }
      });
    });

    test('reading needs a viewer: 401 for nobody, allowed for the anonymous wall screen when enabled', async () => {
      await withMigratedDatabase(engine, async (handle) => {
        const closed = await buildTestApp(handle);
        const open = await buildTestApp(handle, { options: { anonymousRead: true } });
        try {
          for (const url of ['/api/v1/systems', '/api/v1/systems/1', '/api/v1/alerts', '/api/v1/logs', '/api/v1/systems/1/capacity']) {
            const res = await closed.inject({ url });
            assert.equal(res.statusCode, 401, url);
            assert.equal(res.json().error, 'unauthorized', url);
          }
          assert.equal((await open.inject({ url: '/api/v1/systems' })).statusCode, 200);
        } finally {
          await closed.close();
          await open.close();
        }
      });
    });
  });
}

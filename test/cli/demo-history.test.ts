import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { backfillDemoHistory } from '../../src/cli/demo-history.js';
import { listCapacityDays } from '../../src/db/repositories/capacity.js';
import { insertSystem } from '../../src/db/repositories/systems.js';
import { forecastCapacity } from '../../src/domain/forecast.js';
import { buildSimulator } from '../../src/simulator/app.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const DAY = 86_400_000;

for (const engine of engines) {
  describe(`demo capacity history on ${engine}`, () => {
    test('stores 90 days of the simulated capacity for every imported system, enough for a forecast', async () => {
      const sim = await buildSimulator({ systems: 4, seed: 1, tls: 'none' });
      await withMigratedDatabase(engine, async (handle) => {
        const ids = [];
        for (const spec of sim.specs) {
          const row = await insertSystem(handle.db, {
            name: spec.name,
            vendor: spec.vendor,
            address: `https://sim.invalid/${spec.id}`,
            port: null,
            tls: { mode: 'insecure' },
            enabled: true,
            tags: [],
            credentialsSealed: 'sealed',
          });
          ids.push(row.id);
        }
        const now = Date.UTC(2026, 11, 1, 12);
        const samples = await backfillDemoHistory(handle, sim.specs, now, 90);
        assert.equal(samples, sim.specs.length * (90 * 4 - 1));
        for (const id of ids) {
          const days = await listCapacityDays(handle.db, id);
          assert.ok(days.length >= 90 && days.length <= 91, `system ${id}: ${days.length} days`);
          assert.ok(days.every((d) => d.usedLastBytes > 0 && d.usedLastBytes <= d.totalBytes));
        }
        const first = ids[0] ?? 0;
        const points = (await listCapacityDays(handle.db, first)).map((d) => ({ at: d.lastAt, usedBytes: d.usedLastBytes, totalBytes: d.totalBytes }));
        const forecast = forecastCapacity(points, now);
        assert.ok(forecast.growthBytesPerDay !== null && forecast.growthBytesPerDay > 0, JSON.stringify(forecast));
        assert.ok((forecast.since ?? now) <= now - 80 * DAY);
      });
      await sim.close();
    });
  });
}

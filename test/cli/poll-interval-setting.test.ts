import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pino from 'pino';
import { watchPollInterval } from '../../src/cli/poller-setup.js';
import { writeSettings } from '../../src/db/repositories/settings.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

for (const engine of engines) {
  describe(`poll interval from the dashboard settings on ${engine}`, () => {
    test('starts from POLL_INTERVAL_SECONDS and follows the setting at each refresh', () =>
      withMigratedDatabase(engine, async (handle) => {
        const interval = watchPollInterval(handle.db, 90, pino({ level: 'silent' }));
        await interval.refresh();
        assert.equal(interval.current(), 90_000, 'no setting stored: the configured interval');
        assert.deepEqual(await writeSettings(handle.db, { pollIntervalSeconds: 300 }, 'admin'), []);
        assert.equal(interval.current(), 90_000, 'read only at refresh (before each cycle)');
        await interval.refresh();
        assert.equal(interval.current(), 300_000);
      }));
  });
}

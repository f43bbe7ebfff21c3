import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getStatus, listTransitions, recordStatus, type StatusInput } from '../../../src/db/repositories/status.js';
import { makeSnapshot } from '../../domain/make-snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { insertSystemRow, T0 } from './support.js';

for (const engine of engines) {
  describe(`status repository on ${engine}`, () => {
    test('keeps the latest status and appends a transition only when health or reachability changes', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'fa-01');
        const base: StatusInput = { systemId: id, polledAt: T0, reachability: 'ok', health: 'ok', message: null, durationMs: 120, snapshot: makeSnapshot({ polledAt: T0 }) };
        const steps: Array<[Partial<StatusInput>, boolean]> = [
          [{}, true], // first poll: from nothing
          [{}, false],
          [{ health: 'warning', message: 'capacity 91 %' }, true],
          [{ health: 'warning', message: 'capacity 92 %' }, false], // a new message alone is no transition
          [{ reachability: 'timeout', health: 'unknown', snapshot: null, message: 'deadline' }, true],
          [{ reachability: 'timeout', health: 'unknown', snapshot: null, message: 'deadline' }, false],
          [{ reachability: 'auth_failed', health: 'unknown', snapshot: null, message: '401' }, true], // reachability alone changes
          [{}, true],
        ];
        for (const [i, [change, expected]] of steps.entries()) {
          const { changed } = await recordStatus(db, { ...base, polledAt: T0 + i * 60_000, ...change });
          assert.equal(changed, expected, `step ${i}`);
        }
        const transitions = await listTransitions(db, id);
        assert.equal(transitions.length, 5);
        const oldestFirst = transitions.reverse();
        assert.deepEqual(
          oldestFirst.map((t) => [t.fromHealth, t.toHealth, t.fromReachability, t.toReachability]),
          [
            [null, 'ok', null, 'ok'],
            ['ok', 'warning', 'ok', 'ok'],
            ['warning', 'unknown', 'ok', 'timeout'],
            ['unknown', 'unknown', 'timeout', 'auth_failed'],
            ['unknown', 'ok', 'auth_failed', 'ok'],
          ],
        );
        assert.equal(oldestFirst[2]?.at, T0 + 4 * 60_000);
      }));

    test('a failed poll counts failures, keeps last_ok_at and the last good snapshot', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'fa-02');
        const snapshot = makeSnapshot({ polledAt: T0 });
        await recordStatus(db, { systemId: id, polledAt: T0, reachability: 'ok', health: 'ok', message: null, durationMs: 10.4, snapshot });
        for (let i = 1; i <= 2; i++) {
          await recordStatus(db, { systemId: id, polledAt: T0 + i, reachability: 'unreachable', health: 'unknown', message: 'refused', durationMs: 3, snapshot: null });
        }
        const failing = await getStatus(db, id);
        assert.equal(failing?.consecutiveFailures, 2);
        assert.equal(failing?.lastOkAt, T0);
        assert.equal(failing?.polledAt, T0 + 2);
        assert.equal(failing?.message, 'refused');
        assert.deepEqual(failing?.snapshot, snapshot);
        await recordStatus(db, { systemId: id, polledAt: T0 + 3, reachability: 'ok', health: 'ok', message: null, durationMs: 5, snapshot });
        const back = await getStatus(db, id);
        assert.equal(back?.consecutiveFailures, 0);
        assert.equal(back?.lastOkAt, T0 + 3);
        assert.equal(await getStatus(db, id + 999), null);
      }));
  });
}

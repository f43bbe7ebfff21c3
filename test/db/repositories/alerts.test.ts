import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { acknowledgeAlert, listAlerts, syncAlerts } from '../../../src/db/repositories/alerts.js';
import { makeAlert } from '../../domain/make-snapshot.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';
import { insertSystemRow, T0 } from './support.js';

const a1 = makeAlert({ id: 'a1', severity: 'warning', title: 'PSU degraded' });
const a2 = makeAlert({ id: 'a2', severity: 'critical', title: 'Drive failed' });

for (const engine of engines) {
  describe(`alerts repository on ${engine}`, () => {
    test('new → open → resolved → re-opened keeps the row, with a fresh occurrence and no acknowledgement', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'fa-01');
        const other = await insertSystemRow(db, 'fa-02');
        await syncAlerts(db, other, T0, [a1]); // the same vendor id on another system is another alert

        const first = await syncAlerts(db, id, T0, [a1, a2, a1]);
        assert.deepEqual([first.opened, first.stillOpen, first.resolved], [2, 0, 0]);
        const [row1, row2] = await listAlerts(db, id);
        assert.ok(row1 && row2);
        assert.equal(await acknowledgeAlert(db, row1.id, 'alice', T0 + 5, 'replacement ordered'), true);

        // Still reported, a1 escalated by the vendor: last_seen moves, first_seen and the ack stay.
        const second = await syncAlerts(db, id, T0 + 60_000, [{ ...a1, severity: 'major', title: 'PSU failing' }, a2]);
        assert.deepEqual([second.opened, second.stillOpen, second.resolved], [0, 2, 0]);
        assert.deepEqual([...second.acknowledgedIds], ['a1']);
        let a1Row = (await listAlerts(db, id)).find((a) => a.vendorAlertId === 'a1');
        assert.equal(a1Row?.firstSeenAt, T0);
        assert.equal(a1Row?.lastSeenAt, T0 + 60_000);
        assert.equal(a1Row?.severity, 'major');
        assert.equal(a1Row?.title, 'PSU failing');
        assert.equal(a1Row?.acknowledgedBy, 'alice');

        // a1 no longer reported: resolved.
        const third = await syncAlerts(db, id, T0 + 120_000, [a2]);
        assert.deepEqual([third.opened, third.stillOpen, third.resolved], [0, 1, 1]);
        a1Row = (await listAlerts(db, id)).find((a) => a.vendorAlertId === 'a1');
        assert.equal(a1Row?.resolvedAt, T0 + 120_000);
        assert.deepEqual((await listAlerts(db, id, { openOnly: true })).map((a) => a.vendorAlertId), ['a2']);

        // a1 comes back: same row id, open again, a new occurrence, acknowledgement cleared.
        const fourth = await syncAlerts(db, id, T0 + 180_000, [a1, a2]);
        assert.deepEqual([fourth.opened, fourth.stillOpen, fourth.resolved], [1, 1, 0]);
        assert.deepEqual([...fourth.acknowledgedIds], []);
        const reopened = (await listAlerts(db, id)).find((a) => a.vendorAlertId === 'a1');
        assert.equal(reopened?.id, row1.id);
        assert.equal(reopened?.resolvedAt, null);
        assert.equal(reopened?.firstSeenAt, T0 + 180_000);
        assert.equal(reopened?.lastSeenAt, T0 + 180_000);
        assert.equal(reopened?.acknowledgedBy, null);
        assert.equal(reopened?.acknowledgedAt, null);
        assert.equal(reopened?.ackComment, null);
        assert.equal((await listAlerts(db, id)).length, 2, 'no duplicate rows');

        // Nothing reported: everything open resolves; the other system is untouched.
        const fifth = await syncAlerts(db, id, T0 + 240_000, []);
        assert.equal(fifth.resolved, 2);
        assert.equal((await listAlerts(db, other, { openOnly: true })).length, 1);
        assert.equal(await acknowledgeAlert(db, 999_999, 'bob', T0), false);
      }));

    test('a large alert list is upserted in chunks', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const id = await insertSystemRow(db, 'ontap-01', 'ontap');
        const many = Array.from({ length: 1203 }, (_, i) => makeAlert({ id: `ems-${i}`, raisedAt: T0 + i + 0.5 }));
        assert.equal((await syncAlerts(db, id, T0, many)).opened, 1203);
        const again = await syncAlerts(db, id, T0 + 1, many.slice(0, 600));
        assert.deepEqual([again.opened, again.stillOpen, again.resolved], [0, 600, 603]);
      }));
  });
}

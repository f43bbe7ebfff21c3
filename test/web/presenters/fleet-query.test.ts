import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterSystems, sortSystems } from '../../../src/web/presenters/fleet-filter.js';
import { defaultFleetQuery, type FleetQuery, fleetQueryString, parseFleetQuery } from '../../../src/web/presenters/fleet-query.js';
import type { FleetSystem } from '../../../src/web/fleet-snapshot.js';

function system(over: Partial<FleetSystem>): FleetSystem {
  return {
    id: 1, name: 'a', vendor: 'pure', address: '10.0.0.1', port: null, enabled: true, tags: [], health: 'ok', reachability: 'ok', stale: false,
    message: null, model: 'FA-X20', osVersion: null, serial: null, topology: null, capacity: null,
    alerts: { critical: 0, major: 0, warning: 0, info: 0 }, unacknowledgedAlerts: 0, lastPolledAt: 1, lastOkAt: 1, pollDurationMs: 1, createdAt: 0,
    ...over,
  };
}
const cap = (percentUsed: number) => ({ totalBytes: 100, usedBytes: percentUsed, freeBytes: 100 - percentUsed, percentUsed });

describe('fleet query', () => {
  test('round-trips through the URL, leaving defaults out', () => {
    const query: FleetQuery = { vendor: 'ontap', health: 'critical', tag: 'prod & dr', q: 'fas 8', sort: 'capacity', view: 'table', page: 3, per: 50 };
    const text = fleetQueryString(query);
    const parsed = parseFleetQuery(Object.fromEntries(new URLSearchParams(text.slice(1))));
    assert.deepEqual(parsed, { ok: true, query });
    assert.equal(fleetQueryString(defaultFleetQuery), '');
    assert.equal(fleetQueryString(defaultFleetQuery, { view: 'table' }), '?view=table');
  });

  test('empty form fields mean no filter; unknown values and repeats are named', () => {
    assert.deepEqual(parseFleetQuery({ vendor: '', health: '', tag: '', q: ' ', sort: '' }), { ok: true, query: defaultFleetQuery });
    const bad = parseFleetQuery({ vendor: 'emc', sort: 'size', health: ['ok', 'warning'] });
    assert.equal(bad.ok, false);
    const problems = bad.ok ? [] : bad.problems.join(' | ');
    assert.match(String(problems), /"vendor" must be one of pure, ontap/);
    assert.match(String(problems), /"sort" must be one of/);
    assert.match(String(problems), /"health" may be given once/);
  });

  test('filters by vendor, health, tag and free text over name, address and model', () => {
    const fleet = [
      system({ id: 1, name: 'fa-prod', tags: ['prod'] }),
      system({ id: 2, name: 'cluster1', vendor: 'ontap', health: 'critical', model: 'AFF-A400', address: 'nas.example' }),
      system({ id: 3, name: 'dd-backup', vendor: 'datadomain', tags: ['backup'] }),
    ];
    const ids = (q: Partial<FleetQuery>) => filterSystems(fleet, { ...defaultFleetQuery, ...q }).map((s) => s.id);
    assert.deepEqual(ids({ vendor: 'ontap' }), [2]);
    assert.deepEqual(ids({ health: 'ok' }), [1, 3]);
    assert.deepEqual(ids({ tag: 'backup' }), [3]);
    assert.deepEqual(ids({ q: 'AFF' }), [2]);
    assert.deepEqual(ids({ q: 'NAS.EX' }), [2]);
    assert.deepEqual(ids({ q: 'fa-', vendor: 'pure' }), [1]);
    assert.deepEqual(ids({ q: 'nothing' }), []);
  });

  test('sorts worst health first, fullest first, most severe alerts first, oldest poll first; ties by name', () => {
    const fleet = [
      system({ id: 1, name: 'b', health: 'warning', capacity: cap(50), alerts: { critical: 0, major: 0, warning: 9, info: 0 }, lastPolledAt: 300 }),
      system({ id: 2, name: 'a', health: 'critical', capacity: cap(95), alerts: { critical: 1, major: 0, warning: 0, info: 0 }, lastPolledAt: 200 }),
      system({ id: 3, name: 'c', health: 'warning', reachability: 'timeout', capacity: null, lastPolledAt: null }),
      system({ id: 4, name: 'd', health: 'ok', capacity: cap(10), lastPolledAt: 100 }),
    ];
    const order = (sort: FleetQuery['sort']) => sortSystems(fleet, sort).map((s) => s.id);
    assert.deepEqual(order('name'), [2, 1, 3, 4]);
    assert.deepEqual(order('health'), [2, 3, 1, 4]);
    assert.deepEqual(order('capacity'), [2, 1, 4, 3]);
    assert.deepEqual(order('alerts'), [2, 1, 3, 4]);
    assert.deepEqual(order('lastpoll'), [3, 4, 2, 1]);
  });
});

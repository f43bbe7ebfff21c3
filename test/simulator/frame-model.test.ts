import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSpecs, type SimSystemSpec } from '../../src/simulator/model.js';
import { stateAt } from '../../src/simulator/evolve.js';
import { scenarioNamed } from '../../src/simulator/scenarios.js';
import type { SimSystemState } from '../../src/simulator/types.js';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const fleet = (systems: number, seed: number, scenario = 'steady') =>
  buildSpecs({ systems, seed, profile: scenarioNamed(scenario).profile, startAt: T0 });

/** State of every system every `step` ms over [from, to]. */
function* timeline(spec: SimSystemSpec, from: number, to: number, step: number): Generator<SimSystemState> {
  for (let t = from; t <= to; t += step) yield stateAt(spec, t);
}

describe('simulator model: a fleet from a seed', () => {
  test('the same seed gives the same systems and the same state at the same simulated time', () => {
    const a = fleet(12, 42);
    const b = fleet(12, 42);
    assert.deepEqual(a, b);
    for (const t of [T0, T0 + 3 * HOUR + 17_000, T0 + 9 * DAY]) {
      assert.deepEqual(a.map((s) => stateAt(s, t)), b.map((s) => stateAt(s, t)));
    }
  });

  test('a different seed gives a different fleet', () => {
    const a = fleet(8, 1).map((s) => [s.serial, s.model, s.capacity.totalBytes]);
    const b = fleet(8, 2).map((s) => [s.serial, s.model, s.capacity.totalBytes]);
    assert.notDeepEqual(a, b);
  });

  test('system i does not depend on the size of the fleet (apart from replication partners)', () => {
    const small = fleet(4, 7).map(({ replication: _, ...rest }) => rest);
    const large = fleet(40, 7).slice(0, 4).map(({ replication: _, ...rest }) => rest);
    assert.deepEqual(small, large);
  });

  test('vendors take turns and names follow each vendor’s convention', () => {
    const specs = fleet(9, 1);
    assert.deepEqual(specs.map((s) => s.vendor), ['pure', 'ontap', 'storagegrid', 'datadomain', 'pure', 'ontap', 'storagegrid', 'datadomain', 'pure']);
    assert.deepEqual(specs.slice(0, 5).map((s) => s.name), ['pure-fa-01', 'ontap-c01', 'sg-grid-01', 'dd-01', 'pure-fa-02']);
    assert.equal(new Set(specs.map((s) => s.id)).size, specs.length);
    assert.equal(fleet(1000, 1)[999]?.name, 'dd-250');
  });

  test('identity, topology and capacity are realistic per vendor', () => {
    const TiB = 2 ** 40;
    const topologies = { pure: ['ha', 'active-cluster'], ontap: ['ha', 'metrocluster'], storagegrid: ['single-site', 'multi-site'], datadomain: ['local', 'ha'] };
    for (const spec of fleet(200, 3)) {
      const state = stateAt(spec, T0);
      assert.ok(topologies[spec.vendor].includes(spec.topology), `${spec.name}: ${spec.topology}`);
      assert.ok(state.capacity.totalBytes >= 50 * TiB && state.capacity.totalBytes <= 2.1 * 1024 * TiB, `${spec.name}: total ${state.capacity.totalBytes}`);
      assert.ok(state.capacity.usedBytes > 0 && state.capacity.usedBytes < state.capacity.totalBytes);
      assert.ok(spec.serial.length >= 8 && spec.model.length > 0 && /\d/.test(spec.osVersion));
      const kinds = new Set(spec.components.map((c) => c.kind));
      for (const kind of ['drive', 'psu', 'port'] as const) assert.ok(kinds.has(kind), `${spec.name} has no ${kind}`);
      assert.ok(kinds.has('controller') || kinds.has('node'));
      if (spec.topology === 'multi-site' || spec.topology === 'metrocluster') assert.ok(spec.components.filter((c) => c.kind === 'site').length >= 2);
      assert.equal(new Set(spec.components.map((c) => c.id)).size, spec.components.length, `${spec.name}: component ids are unique`);
    }
  });
});

describe('simulator model: evolution over simulated time', () => {
  test('used capacity grows (compared at the same point of the cleaning cycle)', () => {
    for (const spec of fleet(16, 5)) {
      // Four weeks: a whole number of Data Domain cleaning periods in the steady scenario.
      assert.ok(stateAt(spec, T0 + 28 * DAY).capacity.usedBytes > stateAt(spec, T0).capacity.usedBytes, spec.name);
    }
  });

  test('capacity grows fast in the growth scenario, and an expansion raises the total', () => {
    let expanded = 0;
    for (const spec of fleet(8, 11, 'growth')) {
      let previous = stateAt(spec, T0);
      for (const state of timeline(spec, T0 + DAY, T0 + 30 * DAY, DAY)) {
        assert.ok(state.capacity.totalBytes >= previous.capacity.totalBytes, `${spec.name}: total never shrinks`);
        if (state.capacity.totalBytes > previous.capacity.totalBytes) {
          expanded++;
          assert.ok(state.capacity.usedBytes / state.capacity.totalBytes < previous.capacity.usedBytes / previous.capacity.totalBytes);
        }
        assert.ok(state.capacity.usedBytes <= state.capacity.totalBytes);
        previous = state;
      }
    }
    assert.ok(expanded >= 4, `expected expansions within 30 days of fast growth, saw ${expanded}`);
  });

  test('Data Domain used capacity is a sawtooth: cleaning drops it periodically', () => {
    const dd = fleet(4, 5, 'busy').find((s) => s.vendor === 'datadomain');
    assert.ok(dd);
    const used = [...timeline(dd, T0, T0 + 4 * DAY, HOUR)].map((s) => s.capacity);
    const drops = used.slice(1).flatMap((c, i) => (c.usedBytes < (used[i]?.usedBytes ?? 0) - 0.01 * c.totalBytes ? [i + 1] : []));
    // A 24 h cleaning period in the busy scenario: one drop a day, a day apart.
    assert.ok(drops.length >= 3 && drops.length <= 5, `drops at hours ${drops}`);
    for (let i = 1; i < drops.length; i++) assert.equal((drops[i] ?? 0) - (drops[i - 1] ?? 0), 24);
  });

  test('alerts raise and clear, keeping their id, title and raise time; ids grow with time', () => {
    const spec = fleet(4, 21, 'busy')[1];
    assert.ok(spec);
    const seen = new Map<string, SimSystemState['alerts'][number]>();
    let cleared = 0;
    for (const state of timeline(spec, T0, T0 + 5 * DAY, 20 * 60_000)) {
      for (const alert of state.alerts) {
        const before = seen.get(alert.id);
        if (before) {
          assert.deepEqual({ ...alert, clearedAt: null }, { ...before, clearedAt: null }, `alert ${alert.id} kept its identity`);
          if (before.clearedAt === null && alert.clearedAt !== null) cleared++;
          if (before.clearedAt !== null) assert.equal(alert.clearedAt, before.clearedAt, 'a cleared alert stays cleared');
        }
        seen.set(alert.id, alert);
        assert.ok(alert.raisedAt <= state.now);
      }
    }
    assert.ok(cleared >= 5, `saw ${cleared} alerts clear`);
    const byRaise = [...seen.values()].sort((a, b) => a.raisedAt - b.raisedAt).map((a) => Number(a.id));
    assert.deepEqual(byRaise, [...byRaise].sort((a, b) => a - b));
  });

  test('a failed component raises a matching alert, and both recover', () => {
    const found = { failedPsu: false, recovered: false, nodeDown: false };
    for (const spec of fleet(8, 3, 'busy')) {
      let failed: string | null = null;
      for (const state of timeline(spec, T0, T0 + 6 * DAY, HOUR)) {
        for (const c of state.components.filter((c) => c.state !== 'ok' && c.kind !== 'port' && c.kind !== 'service')) {
          const open = state.alerts.filter((a) => a.clearedAt === null && a.component === c.id);
          assert.ok(open.length > 0, `${spec.name} ${c.id} is ${c.state} with no open alert`);
          if (c.kind === 'psu' && c.state === 'failed') {
            assert.ok(open.some((a) => a.code === 'psu_failed'));
            found.failedPsu = true;
            failed ??= c.id;
          }
          if ((c.kind === 'node' || c.kind === 'controller') && c.state === 'offline') {
            assert.ok(open.some((a) => a.code === 'node_down' && a.severity === 'critical'));
            const ports = state.components.filter((p) => p.parent === c.id && p.kind === 'port');
            assert.ok(ports.every((p) => p.state === 'offline'), 'a node that is down takes its ports with it');
            found.nodeDown = true;
          }
        }
        if (failed && state.components.find((c) => c.id === failed)?.state === 'ok') {
          assert.ok(state.alerts.filter((a) => a.component === failed).every((a) => a.clearedAt !== null));
          found.recovered = true;
        }
      }
    }
    assert.deepEqual(found, { failedPsu: true, recovered: true, nodeDown: true });
  });

  test('the steady scenario has few open alerts, busy many', () => {
    const open = (scenario: string) =>
      fleet(40, 8, scenario)
        .map((s) => stateAt(s, T0 + 2 * DAY).alerts.filter((a) => a.clearedAt === null).length)
        .reduce((a, b) => a + b, 0) / 40;
    assert.ok(open('steady') < 1.5, `steady: ${open('steady')} open alerts per system`);
    assert.ok(open('busy') > 4, `busy: ${open('busy')} open alerts per system`);
  });
});

// Table-driven tests of the pure ONTAP normalizer on fixtures (test/fixtures/ontap/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Component, SystemSnapshot } from '../../src/domain/snapshot.js';
import { EMS_SEVERITIES, EMS_SEVERITY_MAP, mapEmsSeverity } from '../../src/vendors/ontap/normalize-ems.js';
import { normalizeOntap, releaseOf } from '../../src/vendors/ontap/normalize.js';
import type { OntapPollData } from '../../src/vendors/ontap/wire.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/ontap');
const load = (name: string): OntapPollData => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as OntapPollData;
const POLLED_AT = Date.parse('2026-11-22T08:00:05Z');

const byName = (s: SystemSnapshot) => new Map(s.components.map((c) => [c.name, c]));
const stateOf = (c: Component | undefined) => (c ? `${c.kind}:${c.state}` : 'missing');

describe('ONTAP normalize: healthy HA cluster', () => {
  const s = normalizeOntap(load('healthy-ha'), POLLED_AT);

  test('identity, topology and reachability', () => {
    assert.deepEqual(s.identity, { vendor: 'ontap', name: 'cl-prod-01', model: 'AFF-A400', serial: '721901000101', osVersion: '9.14.1P3', apiVersion: '9.14', topology: 'ha' });
    assert.equal(s.reachability.status, 'ok');
    assert.equal(s.polledAt, POLLED_AT);
  });

  test('capacity sums the aggregates, data reduction from efficiency.logical_used', () => {
    assert.deepEqual(s.capacity, { totalBytes: 21990232555520, usedBytes: 8246337208320, freeBytes: 13743895347200, effectiveBytes: null, dataReductionRatio: 2 });
  });

  test('every component is ok (an unused down port is absent, not failed)', () => {
    const notOk = s.components.filter((c) => c.state !== 'ok').map((c) => `${c.name}=${c.state}`);
    assert.deepEqual(notOk, ['cl-prod-01-01:e0d=absent']);
    // 2 nodes × (node, PSUs, fans, temperature) + 2 aggregates + 3 disks + 3 ports + 2 LIFs
    assert.equal(s.components.length, 18);
  });

  test('a raised and later cleared alert is closed; informational events are not alerts', () => {
    assert.deepEqual(s.alerts, []);
  });

  test('peer and SnapMirror links', () => {
    assert.deepEqual(s.replication, [
      { kind: 'cluster_peer', name: 'cl-dr-01', partner: 'cl-dr-01', state: 'ok', rawState: 'available', lagSeconds: null },
      { kind: 'snapmirror', name: 'svm1:vol1', partner: 'svm1_src:vol1', state: 'ok', rawState: 'snapmirrored', lagSeconds: 3723 },
    ]);
  });
});

describe('ONTAP normalize: failed components, unknown enum values', () => {
  const s = normalizeOntap(load('degraded'), POLLED_AT);
  const c = byName(s);
  const cases: [string, string][] = [
    ['n1', 'node:failed'], // taken_over
    ['n1 power supplies', 'psu:failed'],
    ['n1 fans', 'fan:ok'],
    ['n1 temperature', 'temp_sensor:ok'],
    ['n2', 'node:degraded'], // up, but giveback failed
    ['n2 fans', 'fan:failed'],
    ['n2 temperature', 'temp_sensor:failed'],
    ['n3', 'node:unknown'], // "exploding"
    ['n3 temperature', 'temp_sensor:unknown'],
    ['n3 power supplies', 'missing'], // no count reported → no claim made
    ['aggr_data', 'aggregate:offline'],
    ['aggr_new', 'aggregate:unknown'],
    ['1.0.4', 'drive:failed'],
    ['1.0.5', 'drive:degraded'],
    ['1.0.6', 'drive:unknown'],
    ['n2:e0c', 'port:failed'],
    ['n2:e0e', 'port:offline'],
    ['n2:e0c-100', 'missing'], // VLAN
    ['n2:e0f', 'port:degraded'],
    ['svm1:lif_down', 'lif:failed'],
    ['svm1:lif_disabled', 'lif:offline'],
    ['svm1-mc:lif_mc', 'lif:absent'],
  ];
  for (const [name, expected] of cases) test(`${name} → ${expected}`, () => assert.equal(stateOf(c.get(name)), expected));

  test('raw vendor words and details are kept', () => {
    assert.equal(c.get('n3')?.rawState, 'exploding');
    assert.equal(c.get('n1 power supplies')?.detail, 'PSU2 failed');
    assert.equal(c.get('n1')?.detail, 'takeover not_possible, giveback nothing_to_giveback');
  });

  test('replication states', () => {
    assert.deepEqual(
      s.replication.map((r) => [r.kind, r.name, r.state, r.lagSeconds]),
      [
        ['cluster_peer', 'cl-dr-01', 'broken', null],
        ['cluster_peer', 'cl-new', 'unknown', null],
        ['snapmirror', 'svm1_dr:vol1_dst', 'degraded', 93600],
        ['snapmirror', 'svm1_dr:vol2_dst', 'broken', null],
        ['snapmirror', 'svm1_dr:vol3_dst', 'paused', 1800],
      ],
    );
  });

  test('EMS becomes state: open raises, cleared pairs dropped, old unpaired events expire, duplicates merge', () => {
    assert.deepEqual(
      s.alerts.map((a) => [a.id, a.severity, a.rawSeverity, a.detail, a.component]),
      [
        ['ems:cf.fsm.globalStatus/n2', 'critical', 'emergency', 'HA critical', 'n2'],
        ['ems:hm.alert/n1/DualPathToDiskShelf_Alert', 'major', 'alert', 'Shelf path', 'n1'],
        ['ems:odd.event/n1', 'warning', 'catastrophic', '?', 'n1'],
        ['ems:raid.disk.broken/n1', 'critical', 'emergency', 'Disk 1.0.4 broken (again)', 'n1'],
        ['ems:wafl.vol.full/n1', 'warning', 'error', 'vol full', 'n1'],
      ],
    );
    assert.equal(s.alerts.find((a) => a.id === 'ems:raid.disk.broken/n1')?.raisedAt, Date.parse('2026-11-22T07:25:00Z'));
  });

  test('capacity derives free when available is missing', () => {
    assert.deepEqual(s.capacity, { totalBytes: 2000, usedBytes: 500, freeBytes: 1500, effectiveBytes: null, dataReductionRatio: null });
  });
});

describe('ONTAP normalize: EMS severity mapping table', () => {
  const expected: Record<string, string> = { emergency: 'critical', alert: 'major', error: 'warning', notice: 'info', informational: 'info', debug: 'info', catastrophic: 'warning', '': 'warning' };
  for (const [raw, severity] of Object.entries(expected)) test(`${raw || '(empty)'} → ${severity}`, () => assert.equal(mapEmsSeverity(raw), severity));
  test('the table covers every documented EMS severity', () => assert.deepEqual(Object.keys(EMS_SEVERITY_MAP).sort(), [...EMS_SEVERITIES].sort()));

  test('a raise is open again when it is newer than its clear', () => {
    const data = load('healthy-ha');
    data.events.push({ ...data.events[0], index: 60, time: '2026-11-22T07:30:00+00:00' });
    const alerts = normalizeOntap(data, POLLED_AT).alerts;
    assert.deepEqual(alerts.map((a) => [a.id, a.title, a.component]), [
      ['ems:hm.alert/cl-prod-01-01/DualPathToDiskShelf_Alert/shelf 1', 'hm.alert.raised: DualPathToDiskShelf_Alert', 'shelf 1'],
    ]);
  });
});

describe('ONTAP normalize: topology', () => {
  test('MetroCluster configured → metrocluster, with a link in switchover', () => {
    const s = normalizeOntap(load('metrocluster'), POLLED_AT);
    assert.equal(s.identity.topology, 'metrocluster');
    assert.deepEqual(s.replication[0], { kind: 'metrocluster', name: 'clA', partner: 'clB', state: 'degraded', rawState: 'switchover', lagSeconds: null });
    assert.equal(s.capacity, null, 'no aggregates → no capacity claim');
  });
  test('HA pair → ha; not_configured MetroCluster is ignored', () => assert.equal(normalizeOntap(load('healthy-ha'), POLLED_AT).identity.topology, 'ha'));
  test('single node without HA → local', () => {
    const data = load('healthy-ha');
    data.nodes = [{ ...data.nodes[0], ha: { enabled: false } }];
    assert.equal(normalizeOntap(data, POLLED_AT).identity.topology, 'local');
  });
});

describe('ONTAP normalize: payloads built from the reference examples', () => {
  const s = normalizeOntap(load('reference-examples'), POLLED_AT);
  test('identity and capacity', () => {
    assert.equal(releaseOf('NetApp Release 9.14.1: Thu Jan 15 12:00:00 UTC 2024'), '9.14.1');
    assert.equal(s.identity.osVersion, '9.14.1');
    assert.equal(s.identity.apiVersion, null, 'version.major absent');
    assert.deepEqual(s.capacity, { totalBytes: 10995116277760, usedBytes: 5497558138880, freeBytes: 5497558138880, effectiveBytes: null, dataReductionRatio: null });
  });
  test('broken disk, down port and LIF, unhealthy SnapMirror, open EMS alerts', () => {
    const c = byName(s);
    assert.equal(stateOf(c.get('1.0.4')), 'drive:failed');
    assert.equal(stateOf(c.get('node1:e0c')), 'port:absent'); // no broadcast domain in the example
    assert.equal(stateOf(c.get('svm1:lif1')), 'lif:failed');
    assert.deepEqual(s.replication.map((r) => r.state), ['broken', 'degraded']);
    assert.deepEqual(s.alerts.map((a) => [a.id, a.severity]), [
      ['ems:callhome.spares.low/node1', 'warning'],
      ['ems:hm.alert/node1/DualPathToDiskShelf_Alert', 'major'],
    ]);
  });
});

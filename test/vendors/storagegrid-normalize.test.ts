import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { VendorError } from '../../src/vendors/client.js';
import { normalizeStoragegrid, type StoragegridResponses } from '../../src/vendors/storagegrid/normalize.js';
import { mapAlertSeverity, mapConnectionState } from '../../src/vendors/storagegrid/tables.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/storagegrid');
const ctx = { name: 'sg-prod', polledAt: 1_772_359_200_000 };

/** A fresh, mutable copy of a fixture: tests break it in place (hence the loose type). */
type Loose = any;
function load(name: string): Loose {
  return JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8'));
}

function expectParse(responses: StoragegridResponses, pattern: RegExp): void {
  assert.throws(
    () => normalizeStoragegrid(responses, ctx),
    (e: unknown) => e instanceof VendorError && e.code === 'VENDOR_PARSE' && e.reachability === 'api_error' && pattern.test(e.message),
  );
}

describe('storagegrid normalize: healthy multi-site grid', () => {
  const s = normalizeStoragegrid(load('healthy-multi-site'), ctx);

  test('identity: grid name, product version, API version, multi-site topology', () => {
    assert.deepEqual(s.identity, {
      vendor: 'storagegrid',
      name: 'My Grid',
      model: null,
      serial: null,
      osVersion: '11.8.0.3-20240320.0110.4a5a8a8',
      apiVersion: '4.0',
      topology: 'multi-site',
    });
    assert.deepEqual(s.reachability, { status: 'ok', message: 'ok' });
    assert.equal(s.polledAt, ctx.polledAt);
  });

  test('components: both sites and all five nodes, all ok', () => {
    assert.deepEqual(
      s.components.map((c) => [c.kind, c.name, c.state]),
      [
        ['site', 'Data Center 1', 'ok'],
        ['site', 'Data Center 2', 'ok'],
        ['node', 'DC1-ADM1', 'ok'],
        ['node', 'DC1-S1', 'ok'],
        ['node', 'DC1-S2', 'ok'],
        ['node', 'DC2-S1', 'ok'],
        ['node', 'DC2-G1', 'ok'],
      ],
    );
    assert.match(s.components.find((c) => c.name === 'DC2-G1')?.detail ?? '', /Gateway Node at site Data Center 2/);
  });

  test('capacity sums the per-node metric samples (exponent notation included)', () => {
    assert.deepEqual(s.capacity, {
      totalBytes: 12e12,
      usedBytes: 4.2e12,
      freeBytes: 7.5e12,
      effectiveBytes: null,
      dataReductionRatio: null,
    });
    assert.deepEqual(s.alerts, []);
    assert.deepEqual(s.replication, []);
  });
});

describe('storagegrid normalize: failures, unknown enums, no topology endpoint', () => {
  const s = normalizeStoragegrid(load('degraded-single-site'), ctx);

  test('node connection states through the table, unknown values kept raw', () => {
    const nodes = s.components.filter((c) => c.kind === 'node').map((c) => [c.name, c.state, c.rawState]);
    assert.deepEqual(nodes, [
      ['DC1-ADM1', 'ok', 'connected'],
      ['DC1-S1', 'failed', 'unknown'],
      ['DC1-S2', 'offline', 'administratively-down'],
      ['DC2-S1', 'unknown', 'rebooting'],
      ['DC2-G1', 'ok', 'connected'],
    ]);
    assert.match(s.components.find((c) => c.name === 'DC2-G1')?.detail ?? '', /node of type "loadBalancerNode"/);
  });

  test('sites derived from node health when topology is absent → single-site', () => {
    assert.equal(s.identity.topology, 'single-site');
    assert.equal(s.identity.name, 'sg-prod');
    const sites = s.components.filter((c) => c.kind === 'site');
    assert.deepEqual(
      sites.map((c) => [c.name, c.state]),
      [['Data Center 1', 'ok']],
    );
    assert.match(sites[0]?.detail ?? '', /2 of 5 nodes connected/);
  });

  test('alerts: severity table, stable ids, unparseable time → null', () => {
    assert.deepEqual(
      s.alerts.map((a) => [a.id, a.severity, a.rawSeverity, a.component]),
      [
        ['a1c0', 'critical', 'critical', 'DC1-S1'],
        ['a2m0', 'major', 'major', 'DC1-S2'],
        ['a3n0', 'warning', 'minor', 'DC1-S1'],
        ['a4x0', 'warning', 'fatal', null],
      ],
    );
    assert.equal(s.alerts[0]?.raisedAt, Date.parse('2026-02-01T12:00:00Z'));
    assert.equal(s.alerts[3]?.raisedAt, null);
    assert.equal(s.alerts[0]?.detail, 'The node is not connected to the grid.');
  });
});

test('storagegrid normalize: payload built from the spec examples', () => {
  const s = normalizeStoragegrid(load('spec-examples'), ctx);
  assert.equal(s.identity.osVersion, '10.3.0-20160614.1639.bf71535');
  assert.equal(s.identity.topology, 'single-site');
  assert.equal(s.alerts[0]?.id, '29ceeab5f2762acb');
  assert.equal(s.alerts[0]?.severity, 'warning');
  assert.equal(s.capacity?.freeBytes, 155_352_033_399);
  assert.deepEqual(
    s.components.map((c) => [c.kind, c.name, c.state]),
    [
      ['site', 'Data Center 1', 'ok'],
      ['node', 'My node', 'ok'],
    ],
  );
});

describe('storagegrid mapping tables', () => {
  const severities: [string, string][] = [
    ['critical', 'critical'],
    ['major', 'major'],
    ['minor', 'warning'],
    ['notice', 'warning'],
    ['', 'warning'],
  ];
  for (const [raw, mapped] of severities) test(`alert severity "${raw}" → ${mapped}`, () => assert.equal(mapAlertSeverity(raw), mapped));
  const states: [string, string][] = [
    ['connected', 'ok'],
    ['administratively-down', 'offline'],
    ['unknown', 'failed'],
    ['Connected', 'unknown'],
  ];
  for (const [raw, mapped] of states) test(`connection state "${raw}" → ${mapped}`, () => assert.equal(mapConnectionState(raw), mapped));
});

describe('storagegrid normalize: topology detection by site count', () => {
  const cases: [string, (r: ReturnType<typeof load>) => void, string | null][] = [
    ['two topology sites', () => {}, 'multi-site'],
    ['one topology site', (r) => r.topology.data.children.pop(), 'multi-site' /* node health still names site 2 */],
    [
      'one site in both sources',
      (r) => {
        r.topology.data.children.pop();
        r.nodeHealth.data = r.nodeHealth.data.filter((n: any) => n.siteName === 'Data Center 1');
      },
      'single-site',
    ],
    [
      'no sites anywhere',
      (r) => {
        r.topology.data.children = [];
        r.nodeHealth.data = [];
      },
      null,
    ],
  ];
  for (const [name, mutate, expected] of cases) {
    test(name, () => {
      const r = load('healthy-multi-site');
      mutate(r);
      assert.equal(normalizeStoragegrid(r, ctx).identity.topology, expected);
    });
  }
});

describe('storagegrid normalize: wrong shapes and absurd numbers → VENDOR_PARSE', () => {
  const cases: [string, (r: ReturnType<typeof load>) => void, RegExp][] = [
    ['body not an object', (r) => (r.nodeHealth = '<html>'), /node-health: response body is not an object/],
    ['status error in a 200', (r) => (r.alerts.status = 'error'), /alerts: status is "error"/],
    ['data missing', (r) => delete r.productVersion.data, /product-version: data is missing/],
    ['node-health data not an array', (r) => (r.nodeHealth.data = {}), /node-health: data is not an array/],
    ['node without state', (r) => delete r.nodeHealth.data[1].state, /data\[1\]\.state is missing/],
    ['alert without labels', (r) => (r.alerts.data = [{ id: 'x', name: 'y', status: 'active', startsAt: '' }]), /data\[0\]\.labels is not an object/],
    ['topology child not an object', (r) => (r.topology.data.children = [42]), /topology: data\.children\[0\] is not an object/],
    ['metric not a vector', (r) => (r.metrics.totalSpace.data.resultType = 'matrix'), /total_space_bytes: data\.resultType is "matrix"/],
    ['metric value NaN', (r) => (r.metrics.dataBytes.data.result[0].value[1] = 'NaN'), /data_bytes: data\.result\[0\]\.value\[1\] is not a finite number/],
    ['metric value a number, not a string', (r) => (r.metrics.dataBytes.data.result[0].value[1] = 5), /value\[1\] is missing or not a string/],
    ['negative capacity', (r) => (r.metrics.totalSpace.data.result[0].value[1] = '-9000000000000'), /metric-query: total capacity is negative/],
    ['used above total', (r) => (r.metrics.dataBytes.data.result[0].value[1] = '99000000000000'), /used capacity .* exceeds total/],
    ['implausibly large', (r) => (r.metrics.totalSpace.data.result[0].value[1] = '1e30'), /implausibly large/],
  ];
  for (const [name, mutate, pattern] of cases) {
    test(name, () => {
      const r = load('healthy-multi-site');
      mutate(r);
      expectParse(r, pattern);
    });
  }

  test('no total samples (all Storage Nodes silent) → capacity null, not zero', () => {
    const r = load('healthy-multi-site');
    r.metrics.totalSpace.data.result = [];
    assert.equal(normalizeStoragegrid(r, ctx).capacity, null);
  });
});

// Data Domain normalizer on fixtures shaped after the DD 8.3 spec: identity, topology, capacity,
// component and replication state tables, the alert severity table, and wrong shapes → VENDOR_PARSE.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { VendorError } from '../../src/vendors/client.js';
import { type DatadomainResponses, normalizeDatadomain } from '../../src/vendors/datadomain/normalize.js';
import { ALERT_SEVERITY_TABLE, mapAlertSeverity, mapDiskStatus, mapServiceStatus } from '../../src/vendors/datadomain/states.js';
import { DD_DISK_STATUSES } from '../../src/vendors/datadomain/wire.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/datadomain');
const load = (name: string): DatadomainResponses => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as DatadomainResponses;
const POLLED_AT = 1_705_316_700_000;

function parseError(name: string, fn: () => unknown, field: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VendorError, `${name}: expected VendorError, got ${String(e)}`);
    assert.equal(e.code, 'VENDOR_PARSE', name);
    assert.equal(e.reachability, 'api_error', name);
    assert.match(e.message, field, name);
    return true;
  });
}

test('healthy local system: identity, capacity, components, alerts, replication', () => {
  const s = normalizeDatadomain(load('healthy-local.json'), POLLED_AT);
  assert.deepEqual(s.reachability, { status: 'ok', message: 'OK' });
  assert.deepEqual(s.identity, {
    vendor: 'datadomain',
    name: 'dd-prod-02',
    model: 'DD6900',
    serial: 'APM00123456789',
    osVersion: '7.13.0.20-1061411',
    apiVersion: null,
    topology: 'local',
  });
  assert.deepEqual(s.capacity, { totalBytes: 2e14, usedBytes: 5e13, freeBytes: 1.5e14, effectiveBytes: 7.5e14, dataReductionRatio: 15 });
  assert.deepEqual(
    s.components.map((c) => [c.kind, c.name, c.state, c.rawState]),
    [
      ['drive', '1.1', 'ok', 'IN_USE'],
      ['drive', '1.2', 'ok', 'SPARE'],
      ['drive', '1.3', 'absent', 'NOT_INSTALLED'],
      ['port', 'ethMa', 'ok', 'up'],
      ['port', 'ethMb', 'absent', 'disabled'],
      ['service', 'filesys', 'ok', 'ENABLED'],
      ['service', 'ddboost', 'ok', 'ENABLED'],
      ['service', 'vtl', 'absent', 'DISABLED'],
      ['service', 'ntp', 'ok', 'SET'],
    ],
  );
  assert.deepEqual(s.alerts, [
    { id: '0%3A0%3A17', severity: 'info', rawSeverity: 'INFO', title: 'Scheduled cleaning started', detail: 'EVT-SYSTEM-00005', component: null, raisedAt: 1_705_316_400_000 },
  ]);
  assert.deepEqual(s.replication, [
    {
      kind: 'mtree_replication',
      name: 'mtree://dd-prod-02.example.com/data/col1/oracle → mtree://dd-dr-01.example.com/data/col1/oracle',
      partner: 'dd-dr-01.example.com',
      state: 'ok',
      rawState: 'NORMAL',
      lagSeconds: 600,
    },
  ]);
});

test('degraded HA pair: topology, node states, failed parts, paused/broken replication, unknown words', () => {
  const s = normalizeDatadomain(load('degraded-ha.json'), POLLED_AT);
  assert.equal(s.identity.topology, 'ha');
  assert.deepEqual(
    s.components.map((c) => [c.kind, c.name, c.state, c.rawState]),
    [
      ['node', 'dd-prod-01a', 'degraded', 'degraded'],
      ['node', 'dd-prod-01b', 'offline', 'offline'],
      ['drive', '2.1', 'ok', 'IN_USE'],
      ['drive', '2.2', 'degraded', 'RECONSTRUCTION'],
      ['drive', '2.3', 'failed', 'FAILED'],
      ['drive', '2.4', 'unknown', 'HOT_STANDBY'],
      ['port', 'ethMa', 'degraded', 'no link'],
      ['service', 'filesys', 'offline', 'DISABLED'],
      ['service', 'replication', 'failed', 'ERROR'],
    ],
  );
  // Two pages read, the cleared alert dropped, the unknown severity word shown as a warning.
  assert.deepEqual(
    s.alerts.map((a) => [a.id, a.severity, a.rawSeverity, a.component]),
    [
      ['0%3A0%3A42', 'critical', 'CRITICAL', 'PSU-1'],
      ['0%3A0%3A43', 'major', 'ERROR', '2.3'],
      ['0%3A0%3A45', 'warning', 'SEVERE', null],
    ],
  );
  assert.equal(s.alerts[0]?.detail, 'Replace the power supply.');
  assert.deepEqual(
    s.replication.map((r) => [r.partner, r.state, r.rawState, r.lagSeconds]),
    [
      ['dd-dr-01', 'paused', 'NORMAL', null],
      ['dd-branch-07', 'broken', 'NORMAL', null],
      ['dd-dr-01', 'broken', 'UNINITIALIZED', null],
      ['dd-dr-01', 'unknown', 'WARPING', null],
    ],
  );
});

test('topology: system type HA, HA peer without type, no HA facet, haInfo without a peer', () => {
  const base = load('healthy-local.json');
  const ha = load('degraded-ha.json').ha;
  const cases: [string, Partial<DatadomainResponses>, string, number][] = [
    ['type HA, HA endpoint 404', { system: { ...(base.system as object), type: 'HA' }, ha: null }, 'ha', 0],
    ['peer in haInfo, no type', { ha }, 'ha', 2],
    ['404 and no type', { ha: null }, 'local', 0],
    ['haInfo without peer', { ha: { haInfo: { nodeName: 'x', state: 'normal' } } }, 'local', 0],
    ['empty object', { ha: {} }, 'local', 0],
  ];
  for (const [name, patch, topology, nodes] of cases) {
    const s = normalizeDatadomain({ ...base, ...patch }, POLLED_AT);
    assert.equal(s.identity.topology, topology, name);
    assert.equal(s.components.filter((c) => c.kind === 'node').length, nodes, name);
  }
});

test('alert severity table covers every spec severity, case-insensitively', () => {
  const expected = { DEBUG: 'info', INFO: 'info', NOTICE: 'info', WARNING: 'warning', ERROR: 'major', CRITICAL: 'critical', ALERT: 'critical', EMERGENCY: 'critical' };
  assert.deepEqual(ALERT_SEVERITY_TABLE, expected);
  for (const [raw, sev] of Object.entries(expected)) {
    assert.equal(mapAlertSeverity(raw), sev, raw);
    assert.equal(mapAlertSeverity(raw.toLowerCase()), sev, raw.toLowerCase());
  }
  assert.equal(mapAlertSeverity('MAJOR'), 'warning');
  assert.equal(mapAlertSeverity(null), 'warning');
});

test('state tables: every disk status maps, unknown words map to unknown, filesys disabled is offline', () => {
  for (const status of DD_DISK_STATUSES) assert.notEqual(mapDiskStatus(status), undefined, status);
  assert.equal(mapDiskStatus('FAILED'), 'failed');
  assert.equal(mapDiskStatus('BRAND_NEW_STATE'), 'unknown');
  assert.equal(mapDiskStatus(null), 'unknown');
  assert.equal(mapServiceStatus('DISABLED', 'filesys'), 'offline');
  assert.equal(mapServiceStatus('DISABLED', 'cifs'), 'absent');
  assert.equal(mapServiceStatus('RESTARTING', 'nfs'), 'unknown');
});

test('capacity: absent is null, absurd numbers and missing figures are VENDOR_PARSE', () => {
  const base = load('healthy-local.json');
  const sys = base.system as Record<string, unknown>;
  const withCap = (physical: unknown, extra: Record<string, unknown> = {}) => ({ ...base, system: { ...sys, physical_capacity: physical, ...extra } });
  const { physical_capacity: _drop, ...noCap } = sys;
  assert.equal(normalizeDatadomain({ ...base, system: noCap }, POLLED_AT).capacity, null);
  assert.equal(normalizeDatadomain(withCap({ total: 10, used: 5 }, { compression_factor: 0 }), POLLED_AT).capacity?.dataReductionRatio, null);
  const bad: [string, unknown, Record<string, unknown>, RegExp][] = [
    ['negative used', { total: 100, used: -1 }, {}, /physical_capacity.*negative/],
    ['used over total', { total: 100, used: 500 }, {}, /physical_capacity.*exceeds total/],
    ['implausibly large', { total: 1e25, used: 1 }, {}, /implausibly large/],
    ['total as string', { total: '100', used: 1 }, {}, /physical_capacity\.total is not a finite number/],
    ['total missing', { used: 1 }, {}, /physical_capacity\.total is missing/],
    ['not an object', 42, {}, /physical_capacity is not a JSON object/],
    ['negative ratio', { total: 100, used: 1 }, { compression_factor: -2 }, /data-reduction ratio is negative/],
  ];
  for (const [name, physical, extra, field] of bad) parseError(name, () => normalizeDatadomain(withCap(physical, extra), POLLED_AT), field);
});

test('wrong shapes are VENDOR_PARSE naming endpoint and field', () => {
  const base = load('healthy-local.json');
  const cases: [string, Partial<DatadomainResponses>, RegExp][] = [
    ['system not an object', { system: [] }, /\/rest\/v1\.0\/system: response body is not a JSON object/],
    ['system name missing', { system: { model: 'x' } }, /\/rest\/v1\.0\/system: name is missing/],
    ['alert_list not an array', { alertPages: [{ alert_list: {} }] }, /alerts: alert_list is not an array/],
    ['alert without id', { alertPages: [{ alert_list: [{ severity: 'INFO' }] }] }, /alert_list\[0\]\.id is missing/],
    ['alert epoch as string', { alertPages: [{ alert_list: [{ id: '1', alert_gen_epoch: 'yesterday' }] }] }, /alert_gen_epoch is not a finite number/],
    ['disk item not an object', { diskPages: [{ diskInfo: ['dev1'] }] }, /storage\/disks: diskInfo\[0\] is not a JSON object/],
    ['nic flag as string', { nicPages: [{ nics: [{ id: 'ethMa', enabled: 'yes' }] }] }, /nics\[0\]\.enabled is not a boolean/],
    ['service without status', { services: { services: [{ name: 'nfs' }] } }, /services\[0\]\.status is missing/],
    ['haInfo not an object', { ha: { haInfo: 'on' } }, /\/ha: haInfo is not a JSON object/],
    ['replication page not an object', { replicationPages: ['x'] }, /mtree-replications: response body is not a JSON object/],
  ];
  for (const [name, patch, field] of cases) parseError(name, () => normalizeDatadomain({ ...base, ...patch }, POLLED_AT), field);
});

test('optional facets that answered 404 leave their parts empty, not an error', () => {
  const base = load('healthy-local.json');
  const s = normalizeDatadomain({ ...base, ha: null, diskPages: null, nicPages: null, services: null, replicationPages: null }, POLLED_AT);
  assert.deepEqual(s.components, []);
  assert.deepEqual(s.replication, []);
  assert.equal(s.alerts.length, 1);
});

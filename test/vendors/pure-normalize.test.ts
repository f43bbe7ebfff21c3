import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Component, SystemSnapshot } from '../../src/domain/snapshot.js';
import { VendorError } from '../../src/vendors/client.js';
import { mapAlertSeverity, mapControllerState, mapDriveState, mapHardwareState } from '../../src/vendors/pure/mapping.js';
import { normalizePure } from '../../src/vendors/pure/normalize.js';
import type { PureRawPoll } from '../../src/vendors/pure/parse.js';
import { pickApiVersion } from '../../src/vendors/pure/version.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/pure');
const load = (name: string): PureRawPoll => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as PureRawPoll;
const T = 1_700_000_000_000;

const comp = (s: SystemSnapshot, kind: Component['kind'], name: string) => s.components.find((c) => c.kind === kind && c.name === name);

/** Asserts a VendorError VENDOR_PARSE whose message names the endpoint and field. */
function assertParseError(fn: () => unknown, ...mentions: string[]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof VendorError, `expected VendorError, got ${String(err)}`);
    assert.equal(err.code, 'VENDOR_PARSE');
    assert.equal(err.reachability, 'api_error');
    for (const m of mentions) assert.match(err.message, new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    return true;
  });
}

describe('pure normalize: healthy HA array', () => {
  const s = normalizePure(load('healthy-ha'), T);
  test('identity, topology and reachability', () => {
    assert.equal(s.polledAt, T);
    assert.equal(s.reachability.status, 'ok');
    assert.deepEqual(s.identity, {
      vendor: 'pure',
      name: 'fa-prod-01',
      model: 'FA-X70R4',
      serial: 'PCHFL1234A567',
      osVersion: '6.5.10',
      apiVersion: '2.26',
      topology: 'ha',
    });
  });
  test('capacity from arrays/space: capacity and total_physical, free derived', () => {
    assert.deepEqual(s.capacity, {
      totalBytes: 219902325555200,
      usedBytes: 131941395333120,
      freeBytes: 219902325555200 - 131941395333120,
      effectiveBytes: null,
      dataReductionRatio: 3.2,
    });
  });
  test('every component ok or absent; duplicates across endpoints merged', () => {
    assert.ok(s.components.every((c) => c.state === 'ok' || c.state === 'absent'), JSON.stringify(s.components));
    assert.equal(s.components.filter((c) => c.name === 'CT0' && c.kind === 'controller').length, 1);
    assert.equal(s.components.filter((c) => c.name === 'CH0.BAY0').length, 1);
    assert.equal(comp(s, 'drive', 'CH0.BAY7')?.state, 'absent');
    assert.equal(comp(s, 'temp_sensor', 'CT0.TMP0')?.detail, '31 °C');
    assert.equal(comp(s, 'chassis', 'CH0')?.state, 'ok');
  });
  test('async connection and an unstretched pod: one ok link', () => {
    assert.deepEqual(s.replication, [
      { kind: 'array_connection', name: 'fa-dr-01', partner: 'fa-dr-01', state: 'ok', rawState: 'connected', lagSeconds: null },
    ]);
  });
  test('open alert mapped', () => {
    assert.deepEqual(s.alerts, [
      { id: 'a1b2c3d4', severity: 'info', rawSeverity: 'info', title: 'Array space utilization above 60%', detail: null, component: 'fa-prod-01', raisedAt: 1705316400000 },
    ]);
  });
});

describe('pure normalize: failed components and unknown vendor words', () => {
  const s = normalizePure(load('failed-components'), T);
  const cases: [Component['kind'], string, Component['state'], string][] = [
    ['controller', 'CT0', 'ok', 'ready'],
    ['controller', 'CT1', 'failed', 'not ready / healthy'],
    ['shelf', 'SH9.SC0', 'ok', 'ready'],
    ['shelf', 'SH9.SC1', 'unknown', 'rebooting'],
    ['fan', 'CT0.FAN1', 'failed', 'critical'],
    ['psu', 'CH0.PWR1', 'degraded', 'unhealthy'],
    ['drive', 'CH0.BAY7', 'absent', 'unused'],
    ['other', 'CT0.XYZ0', 'unknown', 'sparkly'],
    ['temp_sensor', 'CT0.TMP0', 'ok', 'identifying'],
    ['drive', 'CH0.BAY1', 'failed', 'failed'],
    ['drive', 'CH0.BAY2', 'absent', 'empty'],
    ['drive', 'CH0.BAY3', 'degraded', 'recovering'],
    ['drive', 'CH0.BAY4', 'offline', 'unadmitted'],
    ['drive', 'CH0.BAY5', 'failed', 'missing'],
    ['drive', 'CH0.BAY6', 'unknown', 'melting'],
  ];
  for (const [kind, name, state, raw] of cases) {
    test(`${kind} ${name} "${raw}" → ${state}`, () => {
      const c = comp(s, kind, name);
      assert.ok(c, `no ${kind} ${name} in ${JSON.stringify(s.components.map((x) => `${x.kind}:${x.name}`))}`);
      assert.equal(c.state, state);
      assert.equal(c.rawState, raw);
    });
  }
  test('shelf controllers do not make the array look like more than an HA pair', () => {
    assert.equal(s.identity.topology, 'ha');
  });
  test('alerts: severities through the table, closed alerts dropped, closing kept', () => {
    assert.deepEqual(
      s.alerts.map((a) => [a.id, a.severity, a.rawSeverity, a.title, a.raisedAt]),
      [
        ['al-1', 'critical', 'critical', 'Controller temperature high', 1705316400000],
        ['al-2', 'warning', 'warning', 'Drive failed', 1705316500000],
        ['al-3', 'info', 'info', 'Scheduled maintenance', 1705316600000],
        ['al-4', 'info', 'hidden', 'Internal', null],
        ['al-5', 'warning', 'catastrophic', 'A new severity word', null],
      ],
    );
  });
  test('array connections: connecting is broken, partial is degraded, unknown word is unknown', () => {
    assert.deepEqual(
      s.replication.map((r) => [r.name, r.state, r.rawState]),
      [
        ['fa-dr-01', 'broken', 'connecting'],
        ['fa-dr-02', 'degraded', 'partially_connected'],
        ['fa-dr-03', 'unknown', 'teleporting'],
      ],
    );
  });
});

describe('pure normalize: topology and ActiveCluster pods', () => {
  const s = normalizePure(load('active-cluster'), T);
  test('stretched pods make it active-cluster', () => assert.equal(s.identity.topology, 'active-cluster'));
  test('pods: worst member wins, mediator trouble degrades, destroyed pods ignored', () => {
    const pods = s.replication.filter((r) => r.kind === 'pod');
    assert.deepEqual(
      pods.map((p) => [p.name, p.partner, p.state]),
      [
        ['pod-db', 'fa-prod-02', 'degraded'],
        ['pod-erp', 'fa-prod-02', 'degraded'],
      ],
    );
    assert.match(pods[0]?.rawState ?? '', /fa-prod-02: resyncing/);
  });
  test('controller mid-upgrade is degraded', () => assert.equal(comp(s, 'controller', 'CT1')?.state, 'degraded'));

  const topologyCases: [string, (r: PureRawPoll) => void, string][] = [
    ['sync-replication connection alone', (r) => ((r.pods as unknown[]).length = 0), 'active-cluster'],
    ['async only, two controllers', (r) => {
      (r.pods as unknown[]).length = 0;
      for (const c of r.arrayConnections as { type: string }[]) c.type = 'async-replication';
    }, 'ha'],
    ['one controller, nothing else', (r) => {
      (r.pods as unknown[]).length = 0;
      (r.arrayConnections as unknown[]).length = 0;
      (r.controllers as unknown[]).length = 1;
    }, 'local'],
  ];
  for (const [name, mutate, expected] of topologyCases) {
    test(`topology: ${name} → ${expected}`, () => {
      const raw = load('active-cluster');
      mutate(raw);
      assert.equal(normalizePure(raw, T).identity.topology, expected);
    });
  }
});

describe('pure normalize: payloads from the spec examples', () => {
  const s = normalizePure(load('spec-examples'), T);
  test('normalizes, with the spec example hardware (ct, critical) failing the controller', () => {
    assert.equal(s.identity.osVersion, '5.0.0');
    assert.equal(s.identity.model, 'FA-m50');
    assert.equal(comp(s, 'controller', 'CT1')?.state, 'failed');
    assert.equal(comp(s, 'controller', 'CT1')?.detail, 'Temperature too high');
    assert.deepEqual(s.alerts.map((a) => [a.severity, a.title, a.component]), [['critical', 'boot drive overutilization', 'vm-tom']]);
    assert.equal(s.capacity?.usedBytes, 5497558138880);
    assert.equal(s.replication.length, 1); // the example pod is not stretched (array_count 1)
    assert.equal(s.replication[0]?.state, 'unknown'); // the example connection carries no status
  });
});

describe('pure normalize: capacity', () => {
  test('Evergreen//One (total_physical 0): no honest used figure, capacity null', () => {
    assert.equal(normalizePure(load('evergreen-one'), T).capacity, null);
  });
  const absurd: [string, (space: Record<string, unknown>, item: Record<string, unknown>) => void, string][] = [
    ['negative capacity', (_s, i) => (i.capacity = -5), 'negative'],
    ['used above total', (s) => (s.total_physical = 9e15), 'exceeds total'],
    ['zettabytes', (_s, i) => (i.capacity = 5e22), 'implausibly large'],
    ['negative data reduction', (s) => (s.data_reduction = -1), 'data-reduction ratio'],
  ];
  for (const [name, mutate, mention] of absurd) {
    test(`absurd numbers → VENDOR_PARSE: ${name}`, () => {
      const raw = load('healthy-ha');
      const item = (raw.arraySpace as Record<string, unknown>[])[0] as Record<string, unknown>;
      mutate(item.space as Record<string, unknown>, item);
      assertParseError(() => normalizePure(raw, T), 'arrays/space', mention);
    });
  }
});

describe('pure normalize: wrong shapes → VENDOR_PARSE naming endpoint and field', () => {
  type Lists = Record<string, unknown[]>;
  const item = (r: Lists, key: string, i = 0) => (r[key] ?? [])[i] as Record<string, unknown>;
  const cases: [string, (r: Lists) => void, string[]][] = [
    ['capacity as a string', (r) => (item(r, 'arraySpace').capacity = '12 TB'), ['arrays/space', 'items[0].capacity']],
    ['controller without name', (r) => delete item(r, 'controllers', 1).name, ['controllers', 'items[1].name']],
    ['alert item not an object', (r) => ((r.alerts ?? [])[0] = 'boom'), ['alerts', 'items[0]']],
    ['drive status a number', (r) => (item(r, 'drives').status = 3), ['drives', 'items[0].status']],
    ['pod arrays not a list', (r) => (item(r, 'pods').arrays = 'fa-1'), ['pods', 'items[0].arrays']],
    ['replication_addresses not strings', (r) => (item(r, 'arrayConnections').replication_addresses = [1]), ['array-connections', 'replication_addresses']],
    ['space not an object', (r) => (item(r, 'arraySpace').space = 7), ['arrays/space', 'items[0].space']],
    ['no array at all', (r) => (r.arrays = []), ['arrays', 'empty']],
  ];
  for (const [name, mutate, mentions] of cases) {
    test(name, () => {
      const raw = load('healthy-ha');
      mutate(raw as unknown as Record<string, unknown[]>);
      assertParseError(() => normalizePure(raw, T), ...mentions);
    });
  }
});

describe('pure mapping tables', () => {
  const severities: [string, string][] = [['critical', 'critical'], ['warning', 'warning'], ['info', 'info'], ['hidden', 'info'], ['CRITICAL', 'critical'], ['weird', 'warning']];
  for (const [raw, expected] of severities) test(`alert severity ${raw} → ${expected}`, () => assert.equal(mapAlertSeverity(raw), expected));
  test('controller: not present mode is an empty slot; not_ready spelled with underscore', () => {
    assert.equal(mapControllerState('not ready', 'not present'), 'absent');
    assert.equal(mapControllerState('not_ready', 'secondary'), 'failed');
  });
  test('hardware and drive unknown words never throw', () => {
    assert.equal(mapHardwareState(''), 'unknown');
    assert.equal(mapDriveState('updating'), 'ok');
  });
});

describe('pure api version negotiation', () => {
  const cases: [string[], string][] = [
    [['1.19', '2.4', '2.10', '2.26'], '2.26'],
    [['2.9', '2.10', '1.19'], '2.10'],
    [['2.0', '2.26', '2.27', '2.40', '3.0'], '2.26'],
    [['2.0'], '2.0'],
  ];
  for (const [offered, expected] of cases) test(`${offered.join(',')} → ${expected}`, () => assert.equal(pickApiVersion({ version: offered }), expected));
  test('no 2.x offered → clear api_error', () => {
    assert.throws(() => pickApiVersion({ version: ['1.17', '1.19'] }), (e: unknown) => e instanceof VendorError && e.reachability === 'api_error' && /2\.0.*2\.26.*1\.17, 1\.19/.test(e.message));
  });
  test('wrong shape → VENDOR_PARSE', () => assertParseError(() => pickApiVersion({ version: '2.26' }), 'api_version', 'version'));
});

// Wrong shapes and absurd numbers in ONTAP JSON must become VENDOR_PARSE errors naming endpoint and field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { VendorError } from '../../src/vendors/client.js';
import { isoDurationSeconds } from '../../src/vendors/ontap/normalize-replication.js';
import { normalizeOntap } from '../../src/vendors/ontap/normalize.js';
import type { OntapPollData } from '../../src/vendors/ontap/wire.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/ontap');
const load = (name: string): OntapPollData => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as OntapPollData;
const POLLED_AT = Date.parse('2026-11-22T08:00:05Z');

function assertParse(fn: () => unknown, field: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VendorError, `expected VendorError, got ${String(e)}`);
    assert.equal(e.code, 'VENDOR_PARSE');
    assert.equal(e.reachability, 'api_error');
    assert.match(e.message, field);
    return true;
  });
}

describe('ONTAP normalize: wrong shapes and absurd numbers → VENDOR_PARSE naming the field', () => {
  /** Sets (or, with `undefined`, deletes) the value at a dotted path of a fresh healthy fixture, then normalizes. */
  const withValue = (dotted: string, value: unknown) => () => {
    const d = load('healthy-ha') as unknown as Record<string, unknown>;
    const keys = dotted.split('.');
    const last = keys.pop() ?? '';
    const parent = keys.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, d);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return normalizeOntap(d as unknown as OntapPollData, POLLED_AT);
  };
  const cases: [string, string, unknown, RegExp][] = [
    ['negative aggregate size', 'aggregates.0.space.block_storage.size', -1, /aggregates records\[0\]\.space\.block_storage\.size: .*negative/],
    ['NaN used', 'aggregates.1.space.block_storage.used', Number.NaN, /records\[1\]\.space\.block_storage\.used: .*not a number/],
    ['zettabyte aggregate', 'aggregates.0.space.block_storage.size', 5e21, /implausibly large/],
    ['used above total', 'aggregates.0.space.block_storage.used', 9e15, /used capacity .* exceeds total/],
    ['size as a string', 'aggregates.0.space.block_storage.size', '10T', /block_storage\.size: expected a number, got string/],
    ['size missing', 'aggregates.0.space.block_storage.size', undefined, /block_storage\.size: missing/],
    ['node record is a string', 'nodes.1', 'node2', /\/api\/cluster\/nodes records\[1\]: expected an object/],
    ['node state is a number', 'nodes.0.state', 3, /nodes records\[0\]\.state: expected a string/],
    ['failed PSU count negative', 'nodes.0.controller.failed_power_supply.count', -2, /failed_power_supply\.count: not a count/],
    ['records not an array', 'disks', { records: 1 }, /\/api\/storage\/disks records: expected an array/],
    ['cluster without name', 'cluster.name', undefined, /\/api\/cluster name: missing/],
    ['EMS event without message.name', 'events.0.message.name', undefined, /ems\/events records\[0\]\.message\.name: missing/],
    ['snapmirror without destination', 'snapmirror.0.destination', undefined, /destination\.path: missing/],
    ['metrocluster body is an array', 'metrocluster', [], /\/api\/cluster\/metrocluster: expected an object/],
  ];
  for (const [name, dotted, value, field] of cases) test(name, () => assertParse(withValue(dotted, value), field));

  test('ISO durations', () => {
    assert.equal(isoDurationSeconds('PT8H35M42S'), 30942);
    assert.equal(isoDurationSeconds('P2D'), 172800);
    assert.equal(isoDurationSeconds('soon'), null);
    assert.equal(isoDurationSeconds('PT'), null);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orderByDependencies } from '../../../src/db/copy/schema-info.js';
import { convertValue, createTableDigest } from '../../../src/db/copy/values.js';

const digestOf = (rows: Record<string, unknown>[]) => {
  const d = createTableDigest(['id', 'flag', 'name']);
  for (const row of rows) d.add(row);
  return d.result();
};

test('the table checksum ignores row order and engine spelling, and sees every change', () => {
  const a = { id: 1, flag: true, name: 'x' };
  const b = { id: 2, flag: 0, name: null };
  const base = digestOf([a, b]);
  assert.deepEqual(digestOf([b, a]), base, 'order does not matter');
  assert.deepEqual(digestOf([{ ...a, flag: 1 }, { ...b, flag: false }]), base, 'true/false and 1/0 are the same value');
  assert.notEqual(digestOf([{ ...a, name: 'y' }, b]).checksum, base.checksum);
  assert.notEqual(digestOf([a, { ...b, name: '' }]).checksum, base.checksum, 'null is not the empty string');
  assert.notEqual(digestOf([a, { ...b, id: '2' }]).checksum, base.checksum, 'a number is not text');
  assert.notEqual(digestOf([a, b, b]).checksum, base.checksum, 'a duplicated row counts');
  assert.equal(digestOf([a, b, b]).rows, 3);
});

test('values are converted for the target engine', () => {
  assert.equal(convertValue(true, 'sqlite'), 1);
  assert.equal(convertValue(false, 'postgres'), 0);
  assert.equal(convertValue(new Date(0), 'sqlite'), '1970-01-01T00:00:00.000Z');
  assert.equal(convertValue({ a: 1 }, 'sqlite'), '{"a":1}');
  assert.equal(convertValue(2 ** 53 - 1, 'postgres'), 2 ** 53 - 1);
  assert.equal(convertValue(null, 'sqlite'), null);
});

test('tables are ordered after the tables they reference; a cycle is refused by name', () => {
  const t = (name: string, references: string[]) => ({ name, references, columns: [], primaryKey: [], sequenced: [] });
  const order = orderByDependencies([t('sessions', ['users']), t('alerts', ['storage_systems']), t('users', []), t('storage_systems', [])]).map((x) => x.name);
  assert.ok(order.indexOf('users') < order.indexOf('sessions'));
  assert.ok(order.indexOf('storage_systems') < order.indexOf('alerts'));
  assert.throws(() => orderByDependencies([t('a', ['b']), t('b', ['a'])]), /cycle \(a → b → a\)/);
});

// configVariables is the single list: the docs cover all of it, and loadConfig reads nothing else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { configVariables, loadConfig } from '../src/config.js';

const root = path.resolve(import.meta.dirname, '..');
const names = configVariables.map((v) => v.name);

test('configVariables names are unique and each has a meaning and allowed values', () => {
  assert.equal(new Set(names).size, names.length);
  assert.equal(names.length, 23);
  for (const v of configVariables) {
    assert.match(v.name, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(v.meaning.length > 10, v.name);
    assert.ok(v.allowed.length > 3, v.name);
  }
});

test('docs/configuration.md has a table row for every variable, with its default', () => {
  const docs = readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8');
  const rows = new Map(
    docs
      .split('\n')
      .map((line) => [/^\| `([A-Z][A-Z0-9_]+)` \|/.exec(line)?.[1], line] as const)
      .filter((entry): entry is readonly [string, string] => entry[0] !== undefined),
  );
  assert.deepEqual([...rows.keys()].sort(), [...names].sort(), 'the table lists exactly configVariables');
  for (const v of configVariables) {
    const cells = (rows.get(v.name) ?? '').split(' | ');
    assert.equal(cells[1], v.default === '' ? '—' : `\`${v.default}\``, `default of ${v.name}`);
  }
});

test('loadConfig reads every variable in configVariables and no other', () => {
  const read = new Set<string>();
  // A proxy sees each key loadConfig looks up, in the environment and (via the same names) in .env.
  const env = new Proxy({} as Record<string, string | undefined>, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key);
    },
  });
  loadConfig(env, { envFile: false, cwd: root });
  assert.deepEqual([...read].sort(), [...names].sort());
});

test('src/config.ts mentions no upper-case variable name outside configVariables', () => {
  const source = readFileSync(path.join(root, 'src', 'config.ts'), 'utf8');
  const quoted = new Set([...source.matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+|HOST|PORT)'/g)].map((m) => m[1] ?? ''));
  for (const name of quoted) assert.ok((names as readonly string[]).includes(name), `${name} is read but not listed`);
});

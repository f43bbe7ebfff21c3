// Enforces the import rules and size caps of DESIGN.md, so the layering cannot rot quietly.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function relativeImports(file: string): Import[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]/g)) {
    found.push({ file, target: path.join(path.dirname(file), m[3] ?? ''), typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    found.push({ file, target: path.join(path.dirname(file), m[1] ?? ''), typeOnly: false });
  }
  return found;
}

/** The area of src a path belongs to: its first folder under src/, or the file name at the top. */
function area(p: string): string {
  const parts = p.split(path.sep);
  if (parts[0] !== 'src') return parts[0] ?? p;
  return parts.length > 2 ? (parts[1] ?? p) : (parts[1] ?? p).replace(/\.(ts|js)$/, '');
}

const allowed: Record<string, string[]> = {
  domain: ['domain'],
  lib: ['lib'],
  vendors: ['vendors', 'domain', 'lib'],
  db: ['db', 'domain'],
  'system-log': ['system-log', 'db', 'lib'],
  poller: ['poller', 'vendors', 'db', 'system-log', 'domain', 'lib'],
  web: ['web', 'db', 'domain', 'system-log', 'lib'],
  simulator: ['simulator'],
  config: ['config', 'db'],
};

test('every src import follows the layering in DESIGN.md', () => {
  const violations: string[] = [];
  for (const imp of sourceFiles('src').flatMap(relativeImports)) {
    const from = area(imp.file);
    const to = area(imp.target);
    if (from === 'cli') continue;
    const ok = allowed[from];
    if (!ok) {
      violations.push(`${imp.file}: area "${from}" has no rule in this test`);
      continue;
    }
    const wireType = from === 'simulator' && to === 'vendors' && imp.typeOnly && imp.target.endsWith(`${path.sep}wire.js`);
    if (!ok.includes(to) && !wireType) violations.push(`${imp.file} imports ${imp.target} (${from} → ${to})`);
  }
  assert.deepEqual(violations, []);
});

test('only the CLI reads process.env', () => {
  const readers = sourceFiles('src').filter(
    (f) => area(f) !== 'cli' && /process\.env\b/.test(readFileSync(path.join(root, f), 'utf8')),
  );
  assert.deepEqual(readers, []);
});

test('migrations never import src/', () => {
  const bad = sourceFiles('migrations')
    .flatMap(relativeImports)
    .filter((imp) => !imp.target.startsWith(`migrations${path.sep}`));
  assert.deepEqual(bad, []);
});

test('no source file is over 300 lines', () => {
  const long = [...sourceFiles('src'), ...sourceFiles('migrations')]
    .map((f) => ({ f, lines: readFileSync(path.join(root, f), 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > 300)
    .map(({ f, lines }) => `${f}: ${lines} lines`);
  assert.deepEqual(long, []);
});

test('the checker itself sees a violation', () => {
  // Guards against a regex that silently matches nothing.
  const imports = relativeImports(path.join('src', 'web', 'app.ts'));
  assert.ok(imports.some((i) => area(i.target) === 'db'), 'web/app.ts should be seen importing db');
  assert.equal(allowed.db?.includes('web'), false);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIo } from '../../src/cli/io.js';
import { createProgress } from '../../src/cli/progress.js';

function fakeIo(terminal: boolean) {
  const lines: string[] = [];
  let raw = '';
  const io: CliIo = {
    env: {},
    cwd: '/',
    out: () => {},
    err: (l) => lines.push(l),
    errTerminal: terminal ? { write: (t) => (raw += t), columns: 100 } : undefined,
  };
  return { io, lines, raw: () => raw };
}

const step = (copied: number, total: number) => ({ table: 'alerts', index: 2, tables: 5, copied, total });

test('progress on a terminal: one bar redrawn in place, a newline when the table is done', () => {
  const { io, lines, raw } = fakeIo(true);
  const progress = createProgress(io, 'copy-db');
  for (const n of [0, 500, 1000]) progress.update(step(n, 1000));
  assert.deepEqual(lines, []);
  const frames = raw().split('\r').filter(Boolean);
  assert.equal(frames.length, 3);
  assert.match(frames[1] ?? '', /copy-db \[2\/5\] alerts \[#+\.+\] 500\/1000 rows/);
  assert.ok(raw().endsWith('1000/1000 rows\n'));
});

test('progress without a terminal: plain lines at the start, each tenth and the end', () => {
  const { io, lines } = fakeIo(false);
  const progress = createProgress(io, 'copy-db');
  for (let n = 0; n <= 1000; n += 50) progress.update(step(n, 1000));
  progress.update({ ...step(0, 0), table: 'users' });
  assert.equal(lines[0], 'copy-db [2/5] alerts: 1000 rows to copy');
  assert.equal(lines.filter((l) => l.endsWith('%)')).length, 9);
  assert.equal(lines.at(-2), 'copy-db [2/5] alerts: 1000/1000 rows copied');
  assert.equal(lines.at(-1), 'copy-db [2/5] users: empty');
});

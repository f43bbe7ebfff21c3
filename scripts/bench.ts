// `npm run bench -- <name>` runs bench/<name>.ts; each benchmark prints one JSON line on stdout.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const available = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !existsSync(path.join(root, 'bench', `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`), ...rest], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

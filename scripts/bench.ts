// `npm run bench -- <name>` runs bench/<name>.ts; each benchmark prints one JSON line on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const available = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const args = process.argv.slice(2);
// --compiled: run the benchmark as production runs code, compiled to JavaScript without the
// TypeScript loader (which alone holds ~40 MB: it matters for memory figures).
const compiled = args.includes('--compiled');
const [name, ...rest] = args.filter((a) => a !== '--compiled');
if (!name || !existsSync(path.join(root, 'bench', `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [options]\nbenchmarks: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
if (compiled) {
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.bench.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
const command = compiled ? [path.join('dist-bench', 'bench', `${name}.js`)] : ['--import', 'tsx', path.join('bench', `${name}.ts`)];
const child = spawn(process.execPath, [...command, ...rest], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

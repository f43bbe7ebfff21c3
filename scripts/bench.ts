// `npm run bench -- <name>` runs bench/<name>.ts; each benchmark prints one JSON line on stdout.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const available = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const args = process.argv.slice(2);
// Benchmarks run compiled to JavaScript, as production runs the code (the TypeScript loader alone
// holds ~40 MB, which matters for memory figures). --source runs the TypeScript directly, through
// tsx, for a quick try of a change; --compiled is accepted and is the default.
const compiled = !args.includes('--source');
const [name, ...rest] = args.filter((a) => a !== '--compiled' && a !== '--source');
if (!name || !existsSync(path.join(root, 'bench', `${name}.ts`))) {
  console.error(`usage: npm run bench -- <name> [--source] [options]\nbenchmarks: ${available.join(', ') || '(none)'}`);
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

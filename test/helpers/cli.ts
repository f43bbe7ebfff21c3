import { spawn } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli/index.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sfdBin = path.join(repoRoot, 'bin', 'sfd.js');

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `sfd` in-process with a clean environment (no .env is read: cwd is a temp dir). */
export async function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { env, cwd, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the real `bin/sfd.js` in a child process. */
export function spawnCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [sfdBin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

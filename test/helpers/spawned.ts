import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { sfdBin } from './cli.js';

/** A long-running `sfd` child (serve, demo) whose output the test can wait on. */
export interface Spawned {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`; rejects on exit or after `ms`. */
  waitForLine(pattern: RegExp, ms?: number): Promise<string>;
  /** Sends SIGTERM; resolves with the exit code and how long it took. */
  terminate(): Promise<{ code: number | null; ms: number }>;
}

export function spawnSfd(args: string[], env: Record<string, string>, cwd: string): Spawned {
  const child = spawn(process.execPath, [sfdBin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine(pattern, ms = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split('\n').find((l) => pattern.test(l));
          if (!line) return false;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(line);
          return true;
        };
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms:\n${out}\n${err}`)), ms);
        if (check()) return;
        child.stdout.on('data', check);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited ${code} before ${pattern}:\n${out}\n${err}`));
        });
      });
    },
    async terminate() {
      const started = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}

/** Polls `check` every 250 ms until it returns true; throws after `ms`. */
export async function waitUntil(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

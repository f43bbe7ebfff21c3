#!/usr/bin/env node
// Entry point. From a source checkout (src/ next to this file, tsx installed) it runs the
// TypeScript directly, so there is never a stale build; an installed image runs dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/index.ts', import.meta.url);
let entry = new URL('../dist/src/cli/index.js', import.meta.url);
if (existsSync(source)) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    entry = source;
  } catch {
    // No tsx (a production install): fall back to the build.
  }
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));

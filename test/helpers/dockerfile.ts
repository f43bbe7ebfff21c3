// A small Dockerfile reader for tests (no Docker engine runs here): instructions per stage, with
// continuation lines joined and JSON (exec-form) arguments parsed.
import { readFileSync } from 'node:fs';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

export function readDockerfile(file: string): Stage[] {
  const text = readFileSync(file, 'utf8').replace(/\\\r?\n/g, ' ');
  const stages: Stage[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) throw new Error(`cannot read Dockerfile line: ${line}`);
    const keyword = match[1].toUpperCase();
    const args = match[2].replace(/\s+/g, ' ').trim();
    if (keyword === 'FROM') {
      const [from = '', , name] = args.split(' ');
      stages.push({ from, name, instructions: [] });
    } else if (keyword !== 'ARG' || stages.length > 0) {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return stages;
}

export function finalStage(stages: Stage[]): Stage {
  const last = stages.at(-1);
  if (!last) throw new Error('the Dockerfile has no FROM');
  return last;
}

export function all(stage: Stage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The last value of an instruction (Docker uses the last CMD, USER, …). */
export function last(stage: Stage, keyword: string): string | undefined {
  return all(stage, keyword).at(-1);
}

/** ENV NAME=value pairs of a stage (the `ENV A=1 B=2` form). */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of all(stage, 'ENV')) {
    for (const pair of args.split(' ')) {
      const [name = '', ...value] = pair.split('=');
      env[name] = value.join('=').replace(/^"|"$/g, '');
    }
  }
  return env;
}

/** ["a", "b"] exec form → ['a', 'b']; shell form → ['/bin/sh', '-c', text]. */
export function execForm(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : ['/bin/sh', '-c', args];
}

import { describeConfig, loadConfig } from '../config.js';
import { parseCommandArgs } from './args.js';
import type { CliIo } from './io.js';

const usage = 'usage: sfd config [--json]\n\nPrints the configuration sfd would use, with secrets masked.';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, usage);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const described = describeConfig(loadConfig(io.env, { cwd: io.cwd }));
  if (values.json) io.out(JSON.stringify(described));
  else for (const [key, value] of Object.entries(described)) io.out(`${key} = ${String(value)}`);
  return 0;
}

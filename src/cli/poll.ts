import { loadConfig } from '../config.js';
import { type CycleSummary, createPollCycle } from '../poller/poll-cycle.js';
import type { PollSystemResult } from '../poller/poll-system.js';
import { parseCommandArgs } from './args.js';
import { openAndWait, prepareSchema } from './database.js';
import { type CliIo, UsageError } from './io.js';
import { createProcessLogger } from './logger.js';
import { createConfiguredLogWriter, howToAddSystems, loadPollTargets, pollCycleOptions, type TargetProblem } from './poller-setup.js';
import { requireSecretBox } from './system-store.js';

const usage = `usage: sfd poll --once [--json]

Polls every enabled system once (POLL_CONCURRENCY at a time, POLL_TIMEOUT_SECONDS each), stores
the results like the running poller does, and prints a summary. Leases are not taken: this is a
manual check, not a replica. Exit 0 when the cycle ran, even if systems failed (that is the
report); 1 when the database, or our own key, failed.

options:
  --once       run one full cycle (required; \`sfd serve --role poller\` polls continuously)
  --json       print the summary as one JSON object
  -h, --help   show this help

Needs SECRET_KEY (or SECRET_KEY_FILE) to open the stored credentials.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { once: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  if (!values.once) throw new UsageError('only --once is supported; `sfd serve --role poller` polls continuously', usage);
  const config = loadConfig(io.env, { cwd: io.cwd });
  const box = requireSecretBox(config, 'poll', 'open the credentials of the systems it polls');
  // stdout carries the summary; the process log goes to stderr.
  const log = createProcessLogger(config, { fd: 2 });

  const handle = await openAndWait(config, log);
  try {
    await prepareSchema(handle, config.migrateOnStart, log);
    const writer = createConfiguredLogWriter(config, handle, log);
    const cycle = createPollCycle(pollCycleOptions(config, handle.db, writer));
    let results: PollSystemResult[];
    let summary: CycleSummary;
    let skipped: TargetProblem[];
    try {
      const loaded = await loadPollTargets(handle.db, box);
      skipped = loaded.problems;
      if (loaded.targets.length === 0 && skipped.length === 0) io.err(`sfd poll: ${howToAddSystems}`);
      ({ results, summary } = await cycle.run(loaded.targets));
    } finally {
      await cycle.close();
      await writer.close(10_000);
    }
    print(io, values.json === true, summary, results, skipped);
    // Results the database lost, or systems our key cannot open, are our failure, not the arrays'.
    return summary.unsaved > 0 || skipped.length > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

function print(io: CliIo, json: boolean, summary: CycleSummary, results: PollSystemResult[], skipped: TargetProblem[]): void {
  if (json) {
    io.out(JSON.stringify({ ...summary, skipped }));
    return;
  }
  const failedTotal = summary.systems - summary.ok;
  const byKind = Object.entries(summary.failed)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${kind} ${n}`);
  io.out(`polled ${summary.systems} system${summary.systems === 1 ? '' : 's'} in ${summary.durationMs} ms: ${summary.ok} ok, ${failedTotal} failed${byKind.length > 0 ? ` (${byKind.join(', ')})` : ''}`);
  if (summary.slowest) io.out(`slowest: ${summary.slowest.name} (${summary.slowest.ms} ms)`);
  for (const r of results.filter((x) => x.reachability !== 'ok')) io.out(`  ${r.name}: ${r.reachability}: ${r.message}`);
  if (summary.unsaved > 0) io.out(`${summary.unsaved} result(s) could not be stored (see the process log)`);
  for (const s of skipped) io.out(`  ${s.name}: skipped: ${s.message}`);
}

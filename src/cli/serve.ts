import closeWithGrace from 'close-with-grace';
import { loadConfig } from '../config.js';
import { createLogWriter } from '../system-log/writer.js';
import { buildApp } from '../web/app.js';
import { parseCommandArgs, parseWholeNumber } from './args.js';
import { openAndWait, prepareSchema } from './database.js';
import type { CliIo } from './io.js';
import { createProcessLogger } from './logger.js';

const usage = `usage: sfd serve [options]

options:
  --host HOST      address to listen on (default HOST or 127.0.0.1)
  --port PORT      port to listen on (default PORT or 8080)
  --no-migrate     do not apply pending migrations at start (also MIGRATE_ON_START=false)
  -h, --help       show this help`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    { host: { type: 'string' }, port: { type: 'string' }, 'no-migrate': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const config = loadConfig(io.env, { cwd: io.cwd });
  const port = parseWholeNumber('port', values.port, usage) ?? config.port;
  const host = values.host ?? config.host;
  const log = createProcessLogger(config);

  const handle = await openAndWait(config, log);
  await prepareSchema(handle, config.migrateOnStart && !values['no-migrate'], log);
  const logWriter = createLogWriter({
    handle,
    minLevel: config.logMinLevel,
    queueMax: config.logQueueMax,
    retries: config.logWriteRetries,
    retryBaseMs: config.logRetryBaseMs,
    cleanup: {
      sampleRate: config.logCleanupSampleRate,
      retentionDays: config.logRetentionDays,
      maxPerSystem: config.logMaxPerSystem,
    },
    logger: log.child({ component: 'system-log' }),
  });
  const app = await buildApp({ handle, logger: log });

  // Stop taking requests, write every queued log entry, then close the database: in that order,
  // so nothing that was accepted is lost.
  const closing = new Promise<void>((resolve) => {
    closeWithGrace({ delay: 15_000, logger: { error: (m: unknown) => log.error(m) } }, async ({ signal, err }) => {
      if (err) log.error({ err }, 'shutting down after an unexpected error');
      else log.info({ signal }, 'shutting down');
      await app.close();
      await logWriter.close(10_000);
      await handle.close();
      log.info(logWriter.stats(), 'stopped');
      resolve();
    });
  });

  const address = await app.listen({ host, port });
  log.info({ address, database: handle.display }, 'listening');
  await closing;
  return 0;
}

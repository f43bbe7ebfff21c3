import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/**
 * The process log: JSON lines on stdout (or on stderr, `fd: 2`, for a command whose stdout is its
 * answer), with a redaction list as a second line of defence.
 */
export function createProcessLogger(config: Pick<Config, 'processLogLevel'>, options: { fd?: 1 | 2 } = {}): Logger {
  const settings = {
    level: config.processLogLevel,
    base: { app: 'sfd' },
    redact: {
      paths: ['password', '*.password', 'secret', '*.secret', 'credentials', '*.credentials', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  };
  return pino(settings, pino.destination({ fd: options.fd ?? 1, sync: true }));
}

import pino, { type Logger } from 'pino';
import type { Config } from '../config.js';

/** The process log: JSON lines on stdout, with a redaction list as a second line of defence. */
export function createProcessLogger(config: Pick<Config, 'processLogLevel'>): Logger {
  return pino({
    level: config.processLogLevel,
    base: { app: 'sfd' },
    redact: {
      paths: ['password', '*.password', 'secret', '*.secret', 'credentials', '*.credentials', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  });
}

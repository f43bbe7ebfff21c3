// Which database errors are worth retrying. Anything else (a constraint, a syntax error, bad data)
// will fail the same way again and must be reported, not retried.

const transientSqlStates = new Set([
  '57P01', // admin_shutdown: the server is stopping or a backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
]);

const transientSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const transientMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
];

export function isTransientDbError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    if (transientSqlStates.has(code) || code.startsWith('08')) return true;
    if (transientSocketCodes.has(code)) return true;
  }
  if (transientMessages.some((m) => err.message.includes(m))) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isTransientDbError(cause);
}

/** A short, stable label for an error, for counters and log lines. */
export function describeDbError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

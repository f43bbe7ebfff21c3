import path from 'node:path';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string; /** what to show people */ display: string }
  | { kind: 'postgres'; url: string; display: string };

export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Turns a DATABASE_URL into a target. Accepts postgres://, postgresql://, sqlite:<path>,
 * sqlite://<path> and sqlite::memory:. Messages never contain the URL's password.
 */
export function parseDatabaseUrl(raw: string, cwd = process.cwd()): DatabaseTarget {
  const value = raw.trim();
  if (value === '') throw new DatabaseUrlError('is empty; use postgres://… or sqlite:<path>');
  if (value === 'sqlite::memory:' || value === 'sqlite://:memory:') {
    return { kind: 'sqlite', file: ':memory:', display: 'sqlite::memory:' };
  }
  if (value.startsWith('sqlite:')) {
    let rest = value.slice('sqlite:'.length);
    if (rest.startsWith('//')) rest = rest.slice(2);
    if (rest === '') throw new DatabaseUrlError('names no SQLite file; use sqlite:./data/sfd.db');
    const file = path.resolve(cwd, rest);
    return { kind: 'sqlite', file, display: `sqlite:${file}` };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new DatabaseUrlError('is not a valid PostgreSQL URL; expected postgres://user:password@host:5432/database');
    }
    if (!url.hostname && !url.searchParams.get('host')) {
      throw new DatabaseUrlError('names no PostgreSQL host; expected postgres://user:password@host:5432/database');
    }
    return { kind: 'postgres', url: value, display: redactPostgresUrl(url) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme) {
    throw new DatabaseUrlError(
      `uses the unsupported scheme "${scheme}:"; use postgres://, postgresql:// or sqlite:<path>`,
    );
  }
  // Echo the value only when it cannot hold credentials (user:password@host needs ':' or '@').
  if (/[:@]/.test(value)) {
    throw new DatabaseUrlError('has no scheme; use postgres://user:password@host:5432/database or sqlite:<path>');
  }
  throw new DatabaseUrlError(`has no scheme; for a SQLite file write sqlite:${value}`);
}

function redactPostgresUrl(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  if (copy.searchParams.has('password')) copy.searchParams.set('password', '***');
  return copy.href;
}

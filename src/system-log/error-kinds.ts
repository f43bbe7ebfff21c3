// Which non-transient errors belong to one row and which would fail every row. Isolating rows
// after a whole-batch error (table missing, database read-only, disk full) would drop every good
// entry one by one; such a batch stays queued instead, like after a transient error.

const wholeBatchSqliteCodes = ['SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_NOTADB', 'SQLITE_PERM', 'SQLITE_AUTH', 'SQLITE_NOMEM'];
// SQLSTATE classes: 42 schema/privilege, 53 resources, 58 system/IO, XX internal, 28 auth,
// 3D missing database; and 25006 read-only transaction (a standby).
const wholeBatchSqlStateClasses = ['42', '53', '58', 'XX', '28', '3D'];
const schemaMessages = /no such table|no such column|has no column named/i;

export function isWholeBatchError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  if (code.startsWith('SQLITE_')) {
    return wholeBatchSqliteCodes.some((c) => code.startsWith(c)) || (code === 'SQLITE_ERROR' && schemaMessages.test(err.message));
  }
  return code === '25006' || (code.length === 5 && wholeBatchSqlStateClasses.includes(code.slice(0, 2)));
}

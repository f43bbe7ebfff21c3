import { loadConfig } from '../config.js';
import { type ApiToken, ApiTokenError, createApiToken, listApiTokens, revokeApiToken } from '../db/repositories/api-tokens.js';
import { recordAudit } from '../db/repositories/audit.js';
import { isUserRole } from '../db/repositories/users.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, UsageError } from './io.js';
import { openMigratedDatabase } from './system-store.js';
import { formatTable, isoMinute } from './table.js';

const usage = `usage: sfd token <create|list|revoke> [options]

  create --name NAME --role viewer|admin   create an API token and print it (once: it is stored hashed)
  list [--json]                            list tokens (names, roles, use; never the tokens)
  revoke NAME                              revoke a token at once

options:
  --name NAME     with create: a unique name saying who uses it (e.g. grafana)
  --role ROLE     with create: viewer (read API) or admin (also changes)
  --json          with list: print JSON
  -h, --help      show this help

Send a token as the header  Authorization: Bearer <token>`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { name: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [action, target, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, usage);
  if (action === 'create') {
    if (target !== undefined) throw new UsageError(`unexpected argument "${target}" (give the name with --name)`, usage);
    if (!values.name) throw new UsageError('create needs --name NAME', usage);
    if (!isUserRole(values.role)) throw new UsageError(`create needs --role viewer or --role admin${values.role === undefined ? '' : `, not "${values.role}"`}`, usage);
  } else if (action === 'revoke') {
    if (target === undefined) throw new UsageError('revoke needs the token name', usage);
  } else if (action === 'list') {
    if (target !== undefined) throw new UsageError(`unexpected argument "${target}"`, usage);
  } else {
    throw new UsageError(action === undefined ? 'say create, list or revoke' : `unknown action "${action}"`, usage);
  }

  const handle = await openMigratedDatabase(loadConfig(io.env, { cwd: io.cwd }));
  const db = handle.db;
  try {
    if (action === 'list') return listCommand(await listApiTokens(db), values.json === true, io);
    if (action === 'create') {
      const { token, record } = await createApiToken(db, { name: values.name ?? '', role: values.role === 'admin' ? 'admin' : 'viewer', createdBy: 'sfd-cli' });
      await recordAudit(db, { username: 'sfd-cli', action: 'token_create', targetType: 'api_token', targetId: record.id, details: { name: record.name, role: record.role } });
      io.out(token);
      io.err(`created ${record.role} token "${record.name}"; this is the only time it is shown, so store it now (send it as Authorization: Bearer <token>)`);
      return 0;
    }
    const record = await revokeApiToken(db, target ?? '');
    await recordAudit(db, { username: 'sfd-cli', action: 'token_revoke', targetType: 'api_token', targetId: record.id, details: { name: record.name } });
    io.out(`revoked token "${record.name}"`);
    return 0;
  } catch (err) {
    if (!(err instanceof ApiTokenError)) throw err;
    io.err(`sfd token ${action}: ${err.message}`);
    return 1;
  } finally {
    await handle.close();
  }
}

function listCommand(tokens: ApiToken[], json: boolean, io: CliIo): number {
  if (json) {
    io.out(JSON.stringify({ tokens }));
    return 0;
  }
  if (tokens.length === 0) {
    io.out('no API tokens; create one with `sfd token create --name NAME --role viewer`');
    return 0;
  }
  const rows = tokens.map((t) => [t.name, t.role, t.revokedAt === null ? 'active' : `revoked ${isoMinute(t.revokedAt)}`, isoMinute(t.createdAt), t.createdBy ?? '-', isoMinute(t.lastUsedAt)]);
  for (const line of formatTable(['NAME', 'ROLE', 'STATUS', 'CREATED', 'BY', 'LAST USED'], rows)) io.out(line);
  return 0;
}

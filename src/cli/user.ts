import { loadConfig } from '../config.js';
import { recordAudit } from '../db/repositories/audit.js';
import { createUser, findUserByName, isUserRole, listUsers, setUserDisabled, setUserPassword, type User, UserError } from '../db/repositories/users.js';
import { hashPassword } from '../lib/password.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, UsageError } from './io.js';
import { PasswordInputError, readNewPassword } from './read-password.js';
import { openMigratedDatabase } from './system-store.js';
import { formatTable, isoMinute } from './table.js';

const usage = `usage: sfd user <add|list|passwd|disable|enable> [options]

  add NAME --role admin|viewer   create a user
  list [--json]                  list users (never their passwords)
  passwd NAME                    set a new password (signs the user out everywhere)
  disable NAME                   stop NAME signing in and end their sessions
  enable NAME                    let a disabled user sign in again

options:
  --role ROLE         with add: admin (manages systems, settings, users) or viewer
  --password-stdin    read the password from the first line of standard input
                      (otherwise it is asked twice on the terminal; never give it as an argument)
  --json              with list: print JSON
  -h, --help          show this help

The last enabled admin cannot be disabled.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    usage,
  );
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [action, name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (a password is never an argument: use --password-stdin)`, usage);
  if (action === undefined || !['add', 'list', 'passwd', 'disable', 'enable'].includes(action)) {
    throw new UsageError(action === undefined ? 'say add, list, passwd, disable or enable' : `unknown action "${action}"`, usage);
  }
  if (action === 'list' ? name !== undefined : name === undefined) throw new UsageError(action === 'list' ? `unexpected argument "${name}"` : `${action} needs the user's name`, usage);
  if (action !== 'add' && values.role !== undefined) throw new UsageError('--role goes with add', usage);
  if (action === 'add' && !isUserRole(values.role)) throw new UsageError(`add needs --role admin or --role viewer${values.role === undefined ? '' : `, not "${values.role}"`}`, usage);

  const config = loadConfig(io.env, { cwd: io.cwd });
  const handle = await openMigratedDatabase(config);
  const db = handle.db;
  const audit = (act: string, user: User, details: Record<string, unknown> = {}) =>
    recordAudit(db, { username: 'sfd-cli', action: act, targetType: 'user', targetId: user.id, details: { username: user.username, ...details } });
  try {
    if (action === 'list') return listCommand(await listUsers(db), values.json === true, io);
    const username = name ?? '';
    if (action === 'add') {
      const role = values.role === 'admin' ? 'admin' : 'viewer';
      if (await findUserByName(db, username)) throw new UserError('USER_EXISTS', `a user named "${username.toLowerCase()}" already exists`);
      const password = await readNewPassword(io, values['password-stdin'] === true, username);
      const user = await createUser(db, { username, passwordHash: await hashPassword(password), role });
      await audit('user_create', user, { role });
      io.out(`created ${user.role} "${user.username}"`);
      return 0;
    }
    const user = await findUserByName(db, username);
    if (!user) throw new UserError('USER_NOT_FOUND', `no user named "${username}" (see \`sfd user list\`)`);
    if (action === 'passwd') {
      await setUserPassword(db, user.id, await hashPassword(await readNewPassword(io, values['password-stdin'] === true, user.username)));
      await audit('user_password_reset', user);
      io.out(`set a new password for "${user.username}"; their sessions were ended`);
      return 0;
    }
    await setUserDisabled(db, user.id, action === 'disable');
    await audit(action === 'disable' ? 'user_disable' : 'user_enable', user);
    io.out(action === 'disable' ? `disabled "${user.username}" and ended their sessions` : `enabled "${user.username}"`);
    return 0;
  } catch (err) {
    if (!(err instanceof UserError || err instanceof PasswordInputError)) throw err;
    io.err(`sfd user ${action}: ${err.message}`);
    return 1;
  } finally {
    await handle.close();
  }
}

function listCommand(users: User[], json: boolean, io: CliIo): number {
  if (json) {
    io.out(JSON.stringify({ users }));
    return 0;
  }
  if (users.length === 0) {
    io.out('no users yet; create an admin with `sfd user add NAME --role admin`');
    return 0;
  }
  const rows = users.map((u) => [u.username, u.role, u.disabled ? 'disabled' : 'enabled', isoMinute(u.createdAt), isoMinute(u.lastLoginAt)]);
  for (const line of formatTable(['NAME', 'ROLE', 'STATUS', 'CREATED', 'LAST SIGN-IN'], rows)) io.out(line);
  return 0;
}

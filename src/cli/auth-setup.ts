import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import { recordAudit } from '../db/repositories/audit.js';
import { ensureSessionSecret, SESSION_SECRET_KEY } from '../db/repositories/sessions.js';
import { countUsers, createUser, UserError } from '../db/repositories/users.js';
import { hashPassword } from '../lib/password.js';

export const FIRST_ADMIN = 'admin';

export const howToCreateAdmin =
  'no user exists yet, so nobody can sign in: create an admin with `sfd user add NAME --role admin` ' +
  '(it asks for the password, or reads it with --password-stdin), or set ADMIN_PASSWORD and restart to create "admin"';

/**
 * On a fresh install, ADMIN_PASSWORD creates the user `admin`. Once any user exists it is ignored,
 * so a forgotten variable can never reset a password an admin changed since.
 */
export async function ensureFirstAdmin(handle: DatabaseHandle, config: Pick<Config, 'adminPassword'>, log: Logger): Promise<'created' | 'exists' | 'missing'> {
  if ((await countUsers(handle.db)) > 0) return 'exists';
  if (config.adminPassword === null) {
    log.warn(howToCreateAdmin);
    return 'missing';
  }
  try {
    await createUser(handle.db, { username: FIRST_ADMIN, passwordHash: await hashPassword(config.adminPassword), role: 'admin' });
  } catch (err) {
    // Another replica starting at the same moment made it first: that is the same outcome.
    if (err instanceof UserError && err.code === 'USER_EXISTS') return 'exists';
    if ((await countUsers(handle.db)) > 0) return 'exists';
    throw err;
  }
  await recordAudit(handle.db, { username: 'sfd', action: 'user_create', targetType: 'user', details: { username: FIRST_ADMIN, role: 'admin', from: 'ADMIN_PASSWORD' } });
  log.info({ username: FIRST_ADMIN }, 'created the first admin from ADMIN_PASSWORD');
  return 'created';
}

/**
 * The secret that signs session and CSRF cookies; every web replica must have the same one.
 * With SECRET_KEY it is derived from it (HMAC, so the credential key itself never signs cookies);
 * without, a random one is stored once in the settings table and shared through the database.
 */
export async function resolveSessionSecret(handle: DatabaseHandle, config: Pick<Config, 'secretKey'>, log: Logger): Promise<string> {
  if (config.secretKey !== null) return createHmac('sha256', config.secretKey).update('sfd session cookies v1').digest('hex');
  const { secret, created } = await ensureSessionSecret(handle.db, randomBytes(32).toString('hex'));
  log.warn(
    { settingsKey: SESSION_SECRET_KEY, created },
    'SECRET_KEY is not set: session cookies are signed with a random secret kept in the database; set SECRET_KEY to derive it from your key instead',
  );
  return secret;
}

import { type Config, ConfigError } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/connect.js';
import { pendingMigrations } from '../db/migrate.js';
import { createSecretBox, type SecretBox } from '../lib/secret-box.js';

/** What the commands that touch stored systems share: the secret box and a migrated database. */

/** The box for SECRET_KEY; a missing key is a configuration problem (exit 2), named for this command. */
export function requireSecretBox(config: Config, command: string, why: string): SecretBox {
  if (config.secretKey === null) {
    throw new ConfigError([
      `SECRET_KEY is not set, but \`sfd ${command}\` needs it to ${why}; set SECRET_KEY or SECRET_KEY_FILE (make a key with: openssl rand -hex 32).`,
    ]);
  }
  return createSecretBox(config.secretKey);
}

/** Opens the database and refuses to go on when migrations are pending, with what to run instead. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = openDatabase(config.database, { poolSize: 2, onPoolError: () => {} });
  try {
    const pending = await pendingMigrations(handle.db);
    if (pending.length > 0) {
      throw new Error(`${handle.display} has ${pending.length} pending migration${pending.length === 1 ? '' : 's'}; run \`sfd migrate\` first`);
    }
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

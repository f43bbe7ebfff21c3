import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, minSecretKeyLength } from '../config.js';
import { createSecretBox } from '../lib/secret-box.js';
import { rotateCredentials } from '../poller/rotate-credentials.js';
import { parseCommandArgs } from './args.js';
import { type CliIo, UsageError } from './io.js';
import { openMigratedDatabase, requireSecretBox } from './system-store.js';

const usage = `usage: sfd secrets rotate [--new-key-file PATH]

  rotate           re-encrypt every stored credential under a new key, in one transaction

options:
  --new-key-file PATH   read the new key from PATH (or set NEW_SECRET_KEY instead)
  -h, --help            show this help

The current key is SECRET_KEY (or SECRET_KEY_FILE). The new key must be at least ${minSecretKeyLength} characters
(make one with: openssl rand -hex 32). Afterwards set SECRET_KEY to the new key and restart every
sfd process: until then they cannot open the re-encrypted credentials.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'new-key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, usage);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [action, ...extra] = positionals;
  if (action !== 'rotate') throw new UsageError(action === undefined ? 'say rotate' : `unknown action "${action}"`, usage);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, usage);

  const newKey = readNewKey(values['new-key-file'], io);
  const config = loadConfig(io.env, { cwd: io.cwd });
  const current = requireSecretBox(config, 'secrets rotate', 'open the credentials it re-encrypts');
  const next = createSecretBox(newKey);
  const handle = await openMigratedDatabase(config);
  try {
    const { rotated, alreadyNew } = await rotateCredentials(handle.db, current, next);
    const total = rotated + alreadyNew;
    io.out(`re-encrypted the credentials of ${rotated} of ${total} system${total === 1 ? '' : 's'} from key ${current.keyId} to key ${next.keyId}` +
      (alreadyNew > 0 ? ` (${alreadyNew} already used key ${next.keyId})` : ''));
    io.out(`Now set SECRET_KEY (or SECRET_KEY_FILE) to the new key and restart every sfd process; with the old key they can no longer open the credentials.`);
    return 0;
  } finally {
    await handle.close();
  }
}

function readNewKey(file: string | undefined, io: CliIo): string {
  const fromEnv = io.env.NEW_SECRET_KEY?.trim() || undefined;
  if (file !== undefined && fromEnv !== undefined) throw new UsageError('give the new key once: --new-key-file or NEW_SECRET_KEY, not both', usage);
  let key: string;
  if (file !== undefined) {
    const full = path.resolve(io.cwd, file);
    try {
      key = readFileSync(full, 'utf8').trim();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      throw new UsageError(`--new-key-file names ${full}, which cannot be read${code ? ` (${code})` : ''}`, usage);
    }
  } else if (fromEnv !== undefined) {
    key = fromEnv;
  } else {
    throw new UsageError('the new key is missing: give --new-key-file PATH or set NEW_SECRET_KEY', usage);
  }
  // Never echo the key, not even a bad one: its length is enough to act on.
  if ([...key].length < minSecretKeyLength) {
    throw new UsageError(`the new key is ${[...key].length} characters long, but it must be at least ${minSecretKeyLength}`, usage);
  }
  return key;
}

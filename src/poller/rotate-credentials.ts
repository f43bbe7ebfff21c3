import type { Kysely } from 'kysely';
import { listSystems, updateSystem } from '../db/repositories/systems.js';
import type { Database } from '../db/schema.js';
import { keyIdOf, type SecretBox } from '../lib/secret-box.js';

export interface RotationResult {
  /** Re-sealed under the new key by this run. */
  rotated: number;
  /** Already under the new key (a rotation that ran before SECRET_KEY was switched). */
  alreadyNew: number;
}

/**
 * Re-seals every stored credential under `next`, in one transaction: either all systems move to
 * the new key or none do, so there is never a fleet that needs two keys. A record that cannot be
 * opened with `current` aborts the whole rotation with that system's name.
 */
export async function rotateCredentials(db: Kysely<Database>, current: SecretBox, next: SecretBox, now = Date.now()): Promise<RotationResult> {
  if (current.keyId === next.keyId) throw new Error(`the new key is the same as SECRET_KEY (key ${current.keyId}); nothing to rotate`);
  return db.transaction().execute(async (trx) => {
    const result: RotationResult = { rotated: 0, alreadyNew: 0 };
    for (const system of await listSystems(trx)) {
      if (keyIdOf(system.credentialsSealed) === next.keyId) {
        // Still verify it opens, so "already rotated" is a fact and not just a matching label.
        next.open(system.credentialsSealed);
        result.alreadyNew++;
        continue;
      }
      let plain: string;
      try {
        plain = current.open(system.credentialsSealed);
      } catch (err) {
        throw new Error(`cannot open the credentials of "${system.name}": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      await updateSystem(trx, system.id, { credentialsSealed: next.seal(plain) }, now);
      result.rotated++;
    }
    return result;
  });
}

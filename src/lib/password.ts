import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';

/**
 * Password hashing with argon2id (hash-wasm: WebAssembly, so no native build in the Docker image).
 * Parameters follow the OWASP Password Storage Cheat Sheet's first argon2id option: 19 MiB, two
 * passes, one lane. Hashes are PHC strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so a later
 * change of parameters still verifies old hashes and can be spotted with needsRehash().
 */
export const ARGON2_PARAMS = Object.freeze({ memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32, saltLength: 16 });

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 accepts any length, but a megabyte "password" per request is a cheap denial of service. */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `the password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length})`;
  if (length > PASSWORD_MAX_LENGTH) return `the password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const { saltLength, ...params } = ARGON2_PARAMS;
  return argon2id({ password: password.normalize('NFC'), salt: randomBytes(saltLength), ...params, outputType: 'encoded' });
}

interface Phc {
  memorySize: number;
  iterations: number;
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
}

function parsePhc(encoded: string): Phc | null {
  const m = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{16,})$/.exec(encoded);
  if (!m) return null;
  const [, memory, iterations, parallelism, salt, hash] = m;
  return {
    memorySize: Number(memory),
    iterations: Number(iterations),
    parallelism: Number(parallelism),
    salt: Buffer.from(salt ?? '', 'base64'),
    hash: Buffer.from(hash ?? '', 'base64'),
  };
}

/**
 * True when `password` matches the PHC string. The comparison is constant-time (hash-wasm's own
 * argon2Verify compares strings with ===). A malformed hash is simply "no match", never an error.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const phc = parsePhc(encoded);
  // hash-wasm refuses an empty password; no stored password is empty, so it simply never matches.
  if (!phc || phc.hash.length === 0 || password === '') return false;
  const computed = await argon2id({
    password: password.normalize('NFC'),
    salt: phc.salt,
    memorySize: phc.memorySize,
    iterations: phc.iterations,
    parallelism: phc.parallelism,
    hashLength: phc.hash.length,
    outputType: 'binary',
  });
  return timingSafeEqual(Buffer.from(computed), phc.hash);
}

/** True when a stored hash was made with weaker (or other) parameters than today's. */
export function needsRehash(encoded: string): boolean {
  const phc = parsePhc(encoded);
  return (
    !phc ||
    phc.memorySize !== ARGON2_PARAMS.memorySize ||
    phc.iterations !== ARGON2_PARAMS.iterations ||
    phc.parallelism !== ARGON2_PARAMS.parallelism ||
    phc.hash.length !== ARGON2_PARAMS.hashLength
  );
}

let dummy: Promise<string> | undefined;
/**
 * Burns the time of one verification when the username is unknown or disabled, so response
 * timing does not tell an attacker which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('dummy password that never matches');
  await verifyPassword(password, await dummy);
  return false;
}

import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

/**
 * Authenticated encryption of small secrets (array credentials) at rest: AES-256-GCM, a fresh
 * random 12-byte nonce per record, and a key derived from SECRET_KEY with scrypt. The envelope is
 * text so it fits a TEXT column on both engines:
 *
 *   v1:<keyId>:<nonce b64>:<tag b64>:<ciphertext b64>
 *
 * keyId is a short fingerprint of the derived key. It reveals nothing usable about the key, but
 * lets a wrong or rotated SECRET_KEY be reported as such instead of as "corrupt data".
 */

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
  readonly keyId: string;
}

export type SecretBoxErrorCode = 'SECRET_WRONG_KEY' | 'SECRET_TAMPERED' | 'SECRET_MALFORMED';

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// Fixed and public on purpose: the salt only separates this use of SECRET_KEY from any other; the
// key's own entropy (≥ 32 characters, checked by the config) is what protects the data.
const SALT = 'storage-fleet-dashboard/credentials/v1';
// scrypt's cost is paid once per process per key (see the cache), so it can be meaningful.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

interface DerivedKey {
  key: Buffer;
  keyId: string;
}

// Keyed by a hash of the secret, so the cache never holds the secret itself as a map key.
const derived = new Map<string, DerivedKey>();

function deriveKey(secretKey: string): DerivedKey {
  const cacheKey = createHash('sha256').update(secretKey).digest('hex');
  const cached = derived.get(cacheKey);
  if (cached) return cached;
  const key = scryptSync(secretKey, SALT, 32, SCRYPT);
  // A hash of the derived key (not of SECRET_KEY), with its own label, so the id cannot be used
  // to test guesses any faster than scrypt allows.
  const keyId = createHash('sha256').update('sfd key id\0').update(key).digest('hex').slice(0, 8);
  const entry = { key, keyId };
  derived.set(cacheKey, entry);
  return entry;
}

/** Throws unless `text` is canonical base64 of exactly `bytes` bytes (when given). */
function decodeBase64(text: string, what: string, bytes?: number): Buffer {
  const buf = Buffer.from(text, 'base64');
  // Buffer.from skips characters it does not understand; a round trip catches that.
  if (buf.toString('base64') !== text || (bytes !== undefined && buf.length !== bytes)) {
    throw new SecretBoxError('SECRET_MALFORMED', `the sealed value's ${what} is not valid${bytes === undefined ? '' : ` (${bytes} bytes of base64 expected)`}`);
  }
  return buf;
}

/** The key id an envelope was sealed with, or null when the text is not an envelope. */
export function keyIdOf(sealed: string): string | null {
  const parts = sealed.split(':');
  return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
}

export function createSecretBox(secretKey: string): SecretBox {
  if (secretKey === '') throw new Error('createSecretBox needs a non-empty secret key');
  const { key, keyId } = deriveKey(secretKey);
  // The header is authenticated too: editing the version or key id is caught as tampering.
  const aadOf = (id: string) => Buffer.from(`${VERSION}:${id}`);
  return {
    keyId,
    seal(plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(aadOf(keyId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, nonce.toString('base64'), tag.toString('base64'), body.toString('base64')].join(':');
    },
    open(sealed) {
      const parts = sealed.split(':');
      const [version, sealedKeyId, nonceText, tagText, bodyText] = parts;
      if (parts.length !== 5 || version === undefined || sealedKeyId === undefined || nonceText === undefined || tagText === undefined || bodyText === undefined) {
        throw new SecretBoxError('SECRET_MALFORMED', 'the sealed value is not an encrypted envelope (v1:<key id>:<nonce>:<tag>:<ciphertext>)');
      }
      if (version !== VERSION) {
        throw new SecretBoxError('SECRET_MALFORMED', `the sealed value uses envelope version "${version}", which this version of sfd cannot read`);
      }
      if (sealedKeyId !== keyId) {
        throw new SecretBoxError(
          'SECRET_WRONG_KEY',
          `the credentials were sealed with key ${sealedKeyId}, but SECRET_KEY is key ${keyId}; set SECRET_KEY to the key they were sealed with (or finish a pending \`sfd secrets rotate\`)`,
        );
      }
      const nonce = decodeBase64(nonceText, 'nonce', NONCE_BYTES);
      const tag = decodeBase64(tagText, 'tag', TAG_BYTES);
      const body = decodeBase64(bodyText, 'ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(aadOf(sealedKeyId));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        // GCM refuses to release plaintext whose tag does not match, so nothing half-decrypted escapes.
        throw new SecretBoxError('SECRET_TAMPERED', `the sealed value (key ${keyId}) failed its integrity check: it was altered or corrupted`);
      }
    },
  };
}

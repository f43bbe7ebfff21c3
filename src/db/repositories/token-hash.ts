import { createHash, randomBytes } from 'node:crypto';

// Session and API tokens are 32 random bytes: far beyond guessing, so a fast SHA-256 is the right
// way to store them (unlike passwords, which need argon2). A stolen table holds no usable token.

export function sha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 32 random bytes as base64url, with an optional prefix that makes leaked tokens easy to grep for. */
export function newToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

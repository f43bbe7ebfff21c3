import path from 'node:path';
import { osReason, quote } from './text.js';

// The secret variables of src/config.ts. A bad secret is described by its length, never echoed.

export const minSecretKeyLength = 32;
/** Same as PASSWORD_MIN_LENGTH in src/lib/password.ts (config may not import lib; a test keeps them equal). */
export const minAdminPasswordLength = 10;

/** Reads the trimmed value of SECRET_KEY or SECRET_KEY_FILE; null when neither is set. */
export function parseSecretKey(read: (name: 'SECRET_KEY' | 'SECRET_KEY_FILE') => string, cwd: string, readFile: (file: string) => string, problems: string[]): string | null {
  const key = read('SECRET_KEY') || undefined;
  const file = read('SECRET_KEY_FILE') || undefined;
  if (key !== undefined && file !== undefined) {
    problems.push('SECRET_KEY and SECRET_KEY_FILE are both set, but only one of them may be; unset the other.');
    return null;
  }
  const advice = `it must be at least ${minSecretKeyLength} characters (make one with: openssl rand -hex 32).`;
  if (key !== undefined) {
    // Never echo the key itself, not even a bad one: its length is enough to act on.
    if ([...key].length < minSecretKeyLength) problems.push(`SECRET_KEY is ${characters(key)} long, but ${advice}`);
    return key;
  }
  if (file === undefined) return null;
  const full = path.resolve(cwd, file);
  let contents: string;
  try {
    contents = readFile(full).trim();
  } catch (err) {
    problems.push(`SECRET_KEY_FILE names ${quote(full)}, which cannot be read: ${osReason(err)}.`);
    return null;
  }
  if ([...contents].length < minSecretKeyLength) {
    problems.push(`SECRET_KEY_FILE names ${quote(full)}, whose key is ${characters(contents)} long, but ${advice}`);
  }
  return contents;
}

export function parseAdminPassword(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined) return null;
  // Like the secret key, a bad password is described only by its length.
  if ([...raw].length < minAdminPasswordLength) problems.push(`ADMIN_PASSWORD is ${characters(raw)} long, but it must be at least ${minAdminPasswordLength} characters.`);
  return raw;
}

function characters(text: string): string {
  const count = [...text].length;
  return `${count} character${count === 1 ? '' : 's'}`;
}

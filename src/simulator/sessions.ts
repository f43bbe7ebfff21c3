import { randomUUID } from 'node:crypto';
import type { SimFaults, VendorSimContext } from './types.js';

/** How long a session may sit idle under the tokenExpiry fault, unless the fault says otherwise. */
export const DEFAULT_TOKEN_IDLE_MS = 1000;
/** Arrays cap concurrent sessions too; the cap keeps clients that never log out from growing memory. */
const MAX_SESSIONS = 64;

export interface SessionStore extends Readonly<VendorSimContext['sessions']> {
  /** Invalidate every token now (the next call gets a 401 and must log in again). */
  revokeAll(): void;
  readonly size: number;
}

/**
 * Tokens for one system. Under the tokenExpiry fault a token dies once it has been idle longer
 * than tokenIdleMs: calls within one poll keep it alive, the next poll finds it expired — the way
 * real arrays time out idle sessions, and exactly the "re-login once" path clients must handle.
 */
export function createSessionStore(faults: () => SimFaults, realNow: () => number = Date.now): SessionStore {
  const lastUsed = new Map<string, number>();
  return {
    issue() {
      const token = randomUUID();
      if (lastUsed.size >= MAX_SESSIONS) {
        // Maps iterate in insertion order: drop the oldest session, as an array at its limit would.
        const oldest = lastUsed.keys().next().value;
        if (oldest !== undefined) lastUsed.delete(oldest);
      }
      lastUsed.set(token, realNow());
      return token;
    },
    isValid(token) {
      if (token === undefined) return false;
      const seen = lastUsed.get(token);
      if (seen === undefined) return false;
      const f = faults();
      const now = realNow();
      if (f.tokenExpiry && now - seen > (f.tokenIdleMs ?? DEFAULT_TOKEN_IDLE_MS)) {
        lastUsed.delete(token);
        return false;
      }
      lastUsed.set(token, now);
      return true;
    },
    revoke(token) {
      if (token !== undefined) lastUsed.delete(token);
    },
    revokeAll() {
      lastUsed.clear();
    },
    get size() {
      return lastUsed.size;
    },
  };
}

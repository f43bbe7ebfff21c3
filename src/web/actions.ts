import type { SystemTls } from '../domain/system.js';
import type { Reachability, Vendor } from '../domain/snapshot.js';

/** What "test connection" checks: an unsaved form (credentials in the clear) or a stored system. */
export type TestConnectionInput =
  | { systemId: number }
  | {
      vendor: Vendor;
      address: string;
      port: number | null;
      tls: SystemTls;
      credentials: Record<string, string>;
      /** Editing a stored system with the credential fields left blank: test with its stored credentials. */
      storedCredentialsOf?: number;
    };

export interface TestConnectionResult {
  ok: boolean;
  reachability: Reachability;
  /** Plain words for the operator; never contains a credential. */
  message: string;
  durationMs: number;
  /** SHA-256 fingerprint of the certificate the array presented, when a TLS handshake happened (to pin it). */
  presentedFingerprint: string | null;
  model: string | null;
  osVersion: string | null;
}

/**
 * Things the web asks of the poller and the vendors, which it may not import (DESIGN.md): the CLI
 * passes them in. Each is optional so tests and a web-only replica can leave it out.
 */
export interface WebActions {
  /** Polls one system (or all when null) now; resolves when the results are stored. */
  pollNow?(systemId: number | null): Promise<void>;
  testConnection?(input: TestConnectionInput): Promise<TestConnectionResult>;
  /** Encrypts credentials for storage (lib/secret-box); null when no SECRET_KEY is configured. */
  sealCredentials?: ((credentials: Record<string, string>) => string) | null;
}

import type { Reachability, SystemSnapshot, Vendor } from '../domain/snapshot.js';

/**
 * The contract between the poller and the four vendor clients. A client does HTTP only; its
 * normalize.ts turns wire JSON into a SystemSnapshot; health is derived later, in domain/.
 */

/** How the certificate an array presents is checked. Never insecure unless the operator chose it. */
export type TlsTrust =
  | { mode: 'system' }
  | { mode: 'ca'; caPem: string }
  | { mode: 'pinned'; fingerprintSha256: string }
  | { mode: 'insecure' };

export interface Credentials {
  username?: string;
  password?: string;
  /** Pure FlashArray API token (and any vendor that authenticates with one). */
  apiToken?: string;
}

export interface SystemTarget {
  name: string;
  vendor: Vendor;
  /** e.g. https://10.0.0.5 or https://dd01.example:3009; may carry a path prefix (a reverse proxy, the simulator). */
  baseUrl: string;
  credentials: Credentials;
  tls: TlsTrust;
}

export interface ClientOptions {
  /** Each HTTP request's own limit, inside the poll's deadline. */
  requestTimeoutMs: number;
  /** Larger response bodies are refused, so a hostile or broken array cannot exhaust memory. */
  maxResponseBytes: number;
  /**
   * Most connections open to the system at once (its requests beyond that wait for one). Each TLS
   * connection in flight costs the poller memory, and every one is load on the array. Default 2.
   */
  connections?: number;
}

export const DEFAULT_CONNECTIONS = 2;

export const defaultClientOptions: ClientOptions = { requestTimeoutMs: 15_000, maxResponseBytes: 32 * 1024 * 1024, connections: DEFAULT_CONNECTIONS };

/** One line for the per-system diary (the system-log writer); the poller adds the system id. */
export interface PollLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  category: 'connection' | 'authentication' | 'api_call' | 'data_query';
  message: string;
  httpStatus?: number | null;
  endpoint?: string | null;
  details?: Record<string, unknown> | null;
}

export interface PollContext {
  /** The whole poll's deadline; every request is aborted when it fires. */
  signal: AbortSignal;
  log?: (entry: PollLogEntry) => void;
}

export interface VendorClient {
  /** Resolves with a snapshot whose reachability is `ok`; rejects only with a VendorError. */
  poll(ctx: PollContext): Promise<SystemSnapshot>;
  /** Ends the vendor session (logout) if one is open; never throws. */
  close(): Promise<void>;
}

export type CreateVendorClient = (target: SystemTarget, options: ClientOptions) => VendorClient;

export const vendorErrorCodes = [
  'VENDOR_UNREACHABLE', // refused, reset, DNS failure, host unreachable
  'VENDOR_TIMEOUT', // request timeout, hang, slow body, poll deadline
  'VENDOR_AUTH', // 401/403 after one re-login, bad credentials
  'VENDOR_TLS', // untrusted, expired, wrong host, pin mismatch
  'VENDOR_HTTP', // 5xx, 429, unexpected 4xx
  'VENDOR_PARSE', // HTML error page, wrong content type, truncated or malformed JSON, wrong shape, absurd numbers
  'VENDOR_TOO_LARGE', // response over maxResponseBytes
] as const;
export type VendorErrorCode = (typeof vendorErrorCodes)[number];

const reachabilityOf: Record<VendorErrorCode, Reachability> = {
  VENDOR_UNREACHABLE: 'unreachable',
  VENDOR_TIMEOUT: 'timeout',
  VENDOR_AUTH: 'auth_failed',
  VENDOR_TLS: 'tls_error',
  VENDOR_HTTP: 'api_error',
  VENDOR_PARSE: 'api_error',
  VENDOR_TOO_LARGE: 'api_error',
};

export interface VendorErrorDetails {
  status?: number;
  endpoint?: string;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** The only error a client lets out: a stable code, the reachability it means, and a plain message. */
export class VendorError extends Error {
  override name = 'VendorError';
  readonly reachability: Reachability;
  readonly status: number | undefined;
  readonly endpoint: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: VendorErrorCode,
    message: string,
    details: VendorErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reachability = reachabilityOf[code];
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

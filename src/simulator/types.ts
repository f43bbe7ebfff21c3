import type { FastifyInstance } from 'fastify';

/**
 * The simulator's shared model. model.ts evolves one SimSystemState per system over simulated time,
 * deterministically from a seed; each vendor module (pure.ts, ontap.ts, storagegrid.ts,
 * datadomain.ts) only renders that state in its vendor's wire format. The simulator never imports
 * client code: at most `import type` from src/vendors/<vendor>/wire.ts.
 */

export type SimVendor = 'pure' | 'ontap' | 'storagegrid' | 'datadomain';

export interface SimCredentials {
  username: string;
  password: string;
  /** Pure: the API token exchanged at POST /api/login. */
  apiToken: string;
}

export type SimComponentKind = 'controller' | 'node' | 'drive' | 'psu' | 'fan' | 'port' | 'site' | 'service';
export type SimComponentState = 'ok' | 'degraded' | 'failed' | 'offline';

export interface SimComponent {
  /** Stable within the system, e.g. "CT0", "CH0.BAY3", "node-02". */
  id: string;
  kind: SimComponentKind;
  /** The controller/node/site it belongs to, if any. */
  parent: string | null;
  state: SimComponentState;
}

export type SimSeverity = 'critical' | 'major' | 'warning' | 'info';

export interface SimAlert {
  /** Stable vendor alert id (numeric string for vendors that use numbers). */
  id: string;
  severity: SimSeverity;
  /** A short code-like name, e.g. "psu_failed". */
  code: string;
  title: string;
  component: string | null;
  raisedAt: number;
  /** null while open. */
  clearedAt: number | null;
}

export interface SimCapacity {
  totalBytes: number;
  usedBytes: number;
  /** Logical bytes written by hosts; used × data reduction. */
  logicalBytes: number;
  dataReduction: number;
}

export interface SimReplication {
  id: string;
  name: string;
  partner: string;
  state: 'ok' | 'lagging' | 'broken' | 'paused';
  lagSeconds: number;
}

export interface SimSystemState {
  /** URL-safe slug; the system is served under /<id>/ on the simulator's base URL. */
  id: string;
  name: string;
  vendor: SimVendor;
  serial: string;
  model: string;
  osVersion: string;
  topology: 'local' | 'ha' | 'metrocluster' | 'active-cluster' | 'single-site' | 'multi-site';
  credentials: SimCredentials;
  capacity: SimCapacity;
  components: SimComponent[];
  alerts: SimAlert[];
  replication: SimReplication[];
  /** Simulated epoch ms of this state. */
  now: number;
}

/** Per-system faults, injectable at start or at run time. */
export interface SimFaults {
  /** Extra latency per request: a fixed base plus uniform jitter, in ms. */
  latencyMs: number;
  latencyJitterMs: number;
  /** Share of requests answered with a 5xx (0..1). */
  errorRate: number;
  /** Accept the request and never answer. */
  hang: boolean;
  /** Invalidate every issued session token now and then (the client must re-login once). */
  tokenExpiry: boolean;
  /**
   * With tokenExpiry: a session idle (unused) longer than this is revoked. Default 1000 ms (real
   * time), so calls within one poll succeed and the next poll must log in again.
   */
  tokenIdleMs?: number;
  /** Answer with a truncated / non-JSON body. */
  malformedBody: boolean;
  /** Answer with an HTML error page and text/html. */
  htmlError: boolean;
  /** The status errorRate answers with (default 503); 429 also sends `Retry-After: 1`. */
  errorStatus?: number;
  /** Destroy the connection without answering (the client sees a reset). */
  resetConnection?: boolean;
  /** Send headers at once and the body in pieces spread over this many ms (a slow body). */
  slowBodyMs?: number;
}

export const noFaults: SimFaults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  hang: false,
  tokenExpiry: false,
  malformedBody: false,
  htmlError: false,
  errorStatus: 503,
  resetConnection: false,
  slowBodyMs: 0,
  tokenIdleMs: 1000,
};

/** What a vendor module gets to answer one system's requests. */
export interface VendorSimContext {
  /** The current state (evolved to the simulated "now" on every call). */
  state(): SimSystemState;
  /** Session tokens: issue on login, check on every call, revoke on logout/expiry. */
  sessions: {
    issue(): string;
    isValid(token: string | undefined): boolean;
    revoke(token: string | undefined): void;
  };
}

/**
 * A vendor module registers its routes on a Fastify instance already scoped to the system's prefix
 * (so `/api/2.26/arrays` is served at `/<id>/api/2.26/arrays`). Faults are applied by the frame.
 */
export type RegisterVendorRoutes = (app: FastifyInstance, ctx: VendorSimContext) => void;

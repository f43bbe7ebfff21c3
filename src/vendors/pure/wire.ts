/**
 * Types of the FlashArray REST 2.x JSON this project reads, field names exactly as in the
 * FlashArray REST 2.26 OpenAPI document. Only the fields we use are listed; the spec marks almost
 * nothing as required, so every field is optional and checked at run time (parse.ts).
 * The simulator may `import type` from here, nothing else.
 */

/** GET /api/api_version (no auth). */
export interface PureApiVersionResponse {
  version: string[];
}

/** POST /api/<v>/login answers 200, header `x-auth-token`, and this body. */
export interface PureLoginResponse {
  items: { username?: string }[];
}

/** Error body of the FlashArray API (e.g. 401 on login with a bad token). */
export interface PureErrorResponse {
  errors: { message: string; context?: string | null }[];
}

/**
 * Every list endpoint wraps its items so; the next page is asked for with
 * `continuation_token=<token>` (the token also comes in the `x-next-token` response header).
 */
export interface PureListResponse<T> {
  items: T[];
  continuation_token?: string | null;
  more_items_remaining?: boolean;
  total_item_count?: number | null;
}

/** GET /api/<v>/arrays */
export interface PureArray {
  id?: string;
  name?: string;
  /** "Purity", "Purity//FA" or "Purity//FB". */
  os?: string;
  version?: string;
  capacity?: number;
}

/** `space` of GET /api/<v>/arrays/space (bytes; ratios are floats). */
export interface PureArraySpace {
  data_reduction?: number | null;
  shared?: number | null;
  snapshots?: number | null;
  system?: number | null;
  thin_provisioning?: number | null;
  total_physical?: number | null;
  total_provisioned?: number | null;
  total_reduction?: number | null;
  unique?: number | null;
  virtual?: number | null;
  total_used?: number | null;
  /** Deprecated in 2.26: always null; kept so an older array's figure is still used. */
  total_effective?: number | null;
}

/** Item of GET /api/<v>/arrays/space. */
export interface PureArraySpaceItem {
  id?: string;
  name?: string;
  /** Usable physical capacity in bytes. */
  capacity?: number;
  parity?: number;
  time?: number;
  space?: PureArraySpace;
}

/** GET /api/<v>/controllers. `status`: `not ready`, `ready`, `unknown`, `updating`. */
export interface PureController {
  name?: string;
  /** `not present`, `offline`, `primary`, `secondary`. */
  mode?: string | null;
  model?: string | null;
  status?: string;
  /** `array_controller` or `shelf_controller`. */
  type?: string | null;
  version?: string | null;
}

/**
 * GET /api/<v>/hardware. `status`: `critical`, `healthy`, `identifying`, `unhealthy`, `unknown`,
 * `unused` (arrays also answer `ok`, `not_installed`). `type`: `bay`, `ct`, `ch`, `eth`, `fan`,
 * `fb`, `fc`, `fm`, `ib`, `iom`, `nvb`, `pwr`, `sas`, `sh`, `tmp`.
 */
export interface PureHardware {
  name?: string;
  details?: string | null;
  index?: number | null;
  model?: string | null;
  serial?: string | null;
  slot?: number | null;
  speed?: number | null;
  status?: string;
  temperature?: number | null;
  type?: string;
  voltage?: number | null;
}

/**
 * GET /api/<v>/drives. `status`: `empty`, `failed`, `healthy`, `identifying`, `missing`,
 * `recovering`, `unadmitted`, `unhealthy`, `unrecognized`, `updating`.
 * `type`: `cache`, `NVRAM`, `SSD`, `virtual`.
 */
export interface PureDrive {
  name?: string;
  capacity?: number | null;
  details?: string | null;
  protocol?: string | null;
  status?: string;
  type?: string | null;
}

/** GET /api/<v>/alerts. `severity`: `info`, `warning`, `critical`, `hidden`; `state`: `open`, `closing`, `closed`. */
export interface PureAlert {
  id?: string;
  /** The alert number as a string, e.g. "27594". */
  name?: string;
  actual?: string | null;
  category?: string | null;
  closed?: number | null;
  code?: number | null;
  component_name?: string | null;
  component_type?: string | null;
  /** Epoch milliseconds. */
  created?: number | null;
  description?: string | null;
  expected?: string | null;
  flagged?: boolean;
  issue?: string | null;
  knowledge_base_url?: string | null;
  notified?: number | null;
  severity?: string;
  state?: string;
  summary?: string | null;
  updated?: number | null;
}

/**
 * GET /api/<v>/array-connections. `status`: `connected`, `connecting`, `partially_connected`,
 * `unbalanced`; `type`: `async-replication`, `sync-replication`.
 */
export interface PureArrayConnection {
  id?: string;
  name?: string;
  management_address?: string | null;
  replication_addresses?: string[] | null;
  status?: string;
  type?: string;
  replication_transport?: string | null;
  version?: string | null;
}

/** One array of a pod; `status`: `offline`, `online`, `resyncing`, `suspended`, `unknown`. */
export interface PurePodArray {
  id?: string;
  name?: string;
  frozen_at?: number | null;
  /** `flummoxed`, `online`, `unknown`, `unreachable`. */
  mediator_status?: string | null;
  pre_elected?: boolean | null;
  progress?: number | null;
  status?: string;
}

/** GET /api/<v>/pods. A pod with two or more arrays is stretched (ActiveCluster). */
export interface PurePod {
  id?: string;
  name?: string;
  arrays?: PurePodArray[];
  array_count?: number | null;
  destroyed?: boolean | null;
  mediator?: string | null;
  promotion_status?: string | null;
  source?: { id?: string; name?: string } | null;
}

/** Everything one poll read, already unwrapped from the list envelopes and all pages joined. */
export interface PurePollWire {
  /** The API version negotiated for this session, e.g. "2.26". */
  apiVersion: string;
  arrays: PureArray[];
  arraySpace: PureArraySpaceItem[];
  controllers: PureController[];
  hardware: PureHardware[];
  drives: PureDrive[];
  alerts: PureAlert[];
  arrayConnections: PureArrayConnection[];
  pods: PurePod[];
}

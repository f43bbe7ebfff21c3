/**
 * The Data Domain (PowerProtect DD 8.3) JSON this project reads, field names exactly as in the
 * spec's Swagger 2.0 definitions (named in the comments). Optional unless the spec says required:
 * real systems omit fields freely. The const arrays are the spec's closed enums, checked at run time.
 */

/** `serviceStatus`: the body of 201 auth, of logout and of every error answer. */
export interface DdServiceStatus {
  code: number;
  details: string;
}

/** `authInfo`: the POST /rest/v1.0/auth body. */
export interface DdAuthInfo {
  username: string;
  password?: string;
}

/** `capacity`: bytes. */
export interface DdCapacity {
  total?: number;
  used?: number;
  available?: number;
  cleanable?: number;
}

/** `systemInfoDetail` (GET /rest/v1.0/system). `type` is "HA" on an HA pair. */
export interface DdSystemInfo {
  name: string;
  type?: string;
  version?: string;
  serialno?: string;
  model?: string;
  uptime_secs?: number;
  physical_capacity?: DdCapacity;
  logical_capacity?: DdCapacity;
  compression_factor?: number;
  uuid?: string;
}

/** `HaPeerInfo`. */
export interface DdHaPeerInfo {
  chassisno: string;
  serialno: string;
  ip: string;
  nodeName: string;
  state: string;
  originHostname: string;
}

/** `HaFailoverHistoryDetails`: lives inside haInfo, not at the top level (a defect of the old tool). */
export interface DdHaFailoverHistory {
  reason: string;
  startEpoch: number;
  endEpoch: number;
  status: 'GOOD' | 'WAIT_FS' | 'FS_RUNNING' | 'FS_NOT_ENABLED';
}

/** `HaInfo`: role, mode and state are free strings in the spec. */
export interface DdHaInfo {
  role: string;
  mode: string;
  nodeName: string;
  state: string;
  originHostname: string;
  systemId: string;
  peerInfo: DdHaPeerInfo;
  failoverHistory?: DdHaFailoverHistory[];
}

/** `HaSysInfo` (GET /api/v1/dd-systems/{SYSTEM-ID}/ha). */
export interface DdHaSysInfo {
  haInfo?: DdHaInfo;
}

/** `paging`: page numbers start at 0. */
export interface DdPaging {
  current_page?: number;
  page_entries?: number;
  total_entries?: number;
  page_size?: number;
}

export const DD_ALERT_SEVERITIES = ['DEBUG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'CRITICAL', 'ALERT', 'EMERGENCY'] as const;
export type DdAlertSeverity = (typeof DD_ALERT_SEVERITIES)[number];

export type DdAlertStatus = 'active' | 'cleared';

export const DD_ALERT_CLASSES = ['Cifs', 'Storage', 'Cluster', 'Network', 'Security', 'Filesystem', 'Environment', 'Replication', 'HardwareFailure', 'SystemMaintenance', 'Syslog', 'Firmware', 'ha', 'Cloud', 'capacity', 'dataAvailability', 'infrastructure'] as const;
export type DdAlertClass = (typeof DD_ALERT_CLASSES)[number];

/** `alertDetail`. `id` is the url-encoded system_id/node_id/alert_id combination: the stable identity. */
export interface DdAlertDetail {
  id: string;
  alert_id?: string;
  object_id?: string;
  event_id?: string;
  name?: string;
  alert_gen_epoch?: number;
  clear_epoch?: number;
  msg?: string;
  additional_info?: string;
  status?: DdAlertStatus;
  class?: DdAlertClass;
  severity?: DdAlertSeverity;
  description?: string;
  node_id?: number;
  partName?: string;
}

/** `alerts` (GET /rest/v1.0/dd-systems/{SYSTEM-ID}/alerts, paged with page/size). */
export interface DdAlerts {
  alert_list?: DdAlertDetail[];
  paging_info?: DdPaging;
}

export const DD_DISK_STATUSES = ['SYSTEM', 'IN_USE', 'SPARE', 'RECONSTRUCTION', 'AVAILABLE', 'KNOWN', 'UNKNOWN', 'FOREIGN', 'ERROR', 'FAILED', 'ABSENT', 'POWERED_OFF', 'NOT_INSTALLED', 'INVALID', 'PENDING'] as const;
export type DdDiskStatus = (typeof DD_DISK_STATUSES)[number];

/** `DiskInfo`. */
export interface DdDiskInfo {
  device: string;
  capacity: number;
  type?: string;
  status?: DdDiskStatus;
  id?: string;
  tierType?: 'ACTIVE_TIER' | 'ARCHIVE_TIER' | 'CACHE_TIER' | 'CLOUD_TIER' | 'OTHER';
}

/** `DiskInfos` (GET /api/v1/dd-systems/{SYSTEM-ID}/storage/disks, paged). */
export interface DdDiskInfos {
  diskInfo?: DdDiskInfo[];
  paging_info?: DdPaging;
}

/** `networkInterfaceCardInfoDetail_2_0`: the address is `address`, not `ip_config.*`. */
export interface DdNic {
  id?: string;
  name?: string;
  address?: string;
  netmask?: string;
  enabled?: boolean;
  up_state?: boolean;
  has_link?: boolean;
  virtual?: boolean;
  mtu?: number;
  link_speed?: number;
}

/** `networkInterfaceCardInfos_2_0` (GET /rest/v2.0/dd-systems/{SYSTEM-ID}/networks/nics, paged). */
export interface DdNics {
  nics?: DdNic[];
  paging_info?: DdPaging;
}

export const DD_SERVICE_NAMES = ['ntp', 'snmp', 'license-server', 'iscsi', 'log', 'asup', 'nfs', 'filesys', 'encryption', 'cloud', 'cifs', 'ddboost', 'vdisk', 'vtl', 'replication'] as const;
export type DdServiceName = (typeof DD_SERVICE_NAMES)[number];

export const DD_SERVICE_STATUSES = ['DISABLED', 'ENABLED', 'SET', 'NOT_SET', 'ERROR'] as const;
export type DdServiceStatusValue = (typeof DD_SERVICE_STATUSES)[number];

/** `serviceInfo`. */
export interface DdServiceInfo {
  name: DdServiceName;
  status: DdServiceStatusValue;
  errorMessage?: string;
}

/** `serviceInfos` (GET /rest/v1.0/dd-systems/{SYSTEM-ID}/services, not paged). */
export interface DdServiceInfos {
  services?: DdServiceInfo[];
}

export const DD_MTREE_REPL_STATES = ['CONNECTING', 'UNINITIALIZED', 'INITIALIZING', 'NORMAL', 'RESYNCING', 'RECOVERING'] as const;
export type DdMtreeReplState = (typeof DD_MTREE_REPL_STATES)[number];

/** `MtreeReplicationDetail`. Epochs are seconds. */
export interface DdMtreeReplication {
  id: string;
  mode: 'SOURCE' | 'TARGET';
  state: DdMtreeReplState;
  enabled: boolean;
  needResync: boolean;
  connected: boolean;
  connHost: string;
  sourceHost: string;
  destinationHost: string;
  sourceMtreePath: string;
  destinationMtreePath: string;
  connEpoch?: number;
  syncEpoch?: number;
  errorMessage?: string;
}

/** `MtreeReplicationInfos` (GET /api/v1/dd-systems/{SYSTEM-ID}/mtree-replications, paged). */
export interface DdMtreeReplications {
  contexts?: DdMtreeReplication[];
  paging_info?: DdPaging;
}

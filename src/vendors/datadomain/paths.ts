/**
 * The Data Domain endpoints this client reads, all listed in the DD 8.3 spec. `0` is the spec's
 * SYSTEM-ID for "the system answering". The `/rest/v1.0/dd-systems/0/ha|hardware|replication/contexts`
 * paths some tools call do not exist in the spec and are deliberately not used.
 */
export const DD_PATHS = {
  auth: '/rest/v1.0/auth',
  system: '/rest/v1.0/system',
  ha: '/api/v1/dd-systems/0/ha',
  alerts: '/rest/v1.0/dd-systems/0/alerts',
  disks: '/api/v1/dd-systems/0/storage/disks',
  nics: '/rest/v2.0/dd-systems/0/networks/nics',
  services: '/rest/v1.0/dd-systems/0/services',
  replications: '/api/v1/dd-systems/0/mtree-replications',
} as const;

/** Paged endpoints and the key of the list inside each page. */
export const DD_LIST_KEYS = {
  alerts: 'alert_list',
  disks: 'diskInfo',
  nics: 'nics',
  services: 'services',
  replications: 'contexts',
} as const;

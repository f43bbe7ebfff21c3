import type { Vendor } from '../domain/snapshot.js';
import type { ClientOptions, CreateVendorClient, SystemTarget, VendorClient } from './client.js';
import { createDatadomainClient } from './datadomain/client.js';
import { createOntapClient } from './ontap/client.js';
import { createPureClient } from './pure/client.js';
import { createStoragegridClient } from './storagegrid/client.js';

/** The one place that knows which client speaks for which vendor. */
export const vendorClients: Readonly<Record<Vendor, CreateVendorClient>> = Object.freeze({
  pure: createPureClient,
  ontap: createOntapClient,
  storagegrid: createStoragegridClient,
  datadomain: createDatadomainClient,
});

export function createVendorClient(target: SystemTarget, options: ClientOptions): VendorClient {
  return vendorClients[target.vendor](target, options);
}

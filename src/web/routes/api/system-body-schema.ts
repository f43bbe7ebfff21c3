import { VENDORS } from '../../../domain/snapshot.js';
import { TLS_MODES } from '../../../domain/system.js';

const secret = { type: 'string', minLength: 1, maxLength: 4096, writeOnly: true } as const;

const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  vendor: { type: 'string', enum: VENDORS },
  address: { type: 'string', minLength: 1, maxLength: 2048, description: 'A host name or IP address, or a base URL https://host[:port][/prefix].' },
  port: { type: ['integer', 'null'], minimum: 1, maximum: 65535, description: "Null: the vendor's default (443; 3009 for datadomain)." },
  tls: {
    type: 'object',
    required: ['mode'],
    additionalProperties: false,
    description: 'ca needs caPem (PEM text); pinned needs fingerprintSha256 (the certificate’s SHA-256, hex).',
    properties: {
      mode: { type: 'string', enum: TLS_MODES },
      caPem: { type: 'string', maxLength: 65536 },
      fingerprintSha256: { type: 'string', maxLength: 200 },
    },
  },
  enabled: { type: 'boolean' },
  tags: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 64 } },
  credentials: {
    type: 'object',
    additionalProperties: false,
    writeOnly: true,
    description: 'Write-only: sealed with SECRET_KEY and never returned. username + password, or apiToken (pure; storagegrid may use either).',
    properties: { username: secret, password: secret, apiToken: secret },
  },
} as const;

export const createSystemBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'vendor', 'address', 'credentials'],
  properties,
} as const;

export const updateSystemBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Only the fields given change. Credentials, when given, replace the stored ones as a whole.',
  properties,
} as const;

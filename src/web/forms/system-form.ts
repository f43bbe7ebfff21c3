import { isOneOf } from '../../domain/enums.js';
import { VENDORS, type Vendor } from '../../domain/snapshot.js';
import { type StoredSystem, type SystemFields, type SystemTls, TLS_MODES } from '../../domain/system.js';
import { checkAddress, checkName, checkPort, parseTags } from './system-address.js';
import { checkboxField, type FormBody, textField, wholeNumberField } from './form-body.js';
import { checkCaBundle, normalizeFingerprint } from './tls-input.js';

/** What each vendor's client logs in with (vendors/<vendor>/client.ts). */
export const CREDENTIAL_FIELDS: Readonly<Record<Vendor, readonly CredentialField[]>> = {
  pure: ['apiToken'],
  ontap: ['username', 'password'],
  storagegrid: ['username', 'password'],
  datadomain: ['username', 'password'],
};
export type CredentialField = 'username' | 'password' | 'apiToken';

export type SystemFormField = 'name' | 'vendor' | 'address' | 'port' | 'tags' | 'tls' | 'caPem' | 'fingerprint' | CredentialField;

/** What the form shows again after a problem: everything typed except the credentials. */
export interface SystemFormValues {
  name: string;
  vendor: string;
  address: string;
  port: string;
  tags: string;
  enabled: boolean;
  tlsMode: string;
  caPem: string;
  fingerprint: string;
}

export interface ParsedSystemForm {
  values: SystemFormValues;
  errors: Partial<Record<SystemFormField, string>>;
  /** The system without its sealed credentials; null while there are errors. */
  fields: Omit<SystemFields, 'credentialsSealed'> | null;
  /** The credentials typed in; null = all blank, keep the stored ones (edit only). */
  credentials: Record<string, string> | null;
  /** Where and how to connect, when those fields are valid (a test needs no name). */
  connection: Pick<SystemFields, 'vendor' | 'address' | 'port' | 'tls'> | null;
}

export function valuesOf(system: StoredSystem): SystemFormValues {
  return {
    name: system.name,
    vendor: system.vendor,
    address: system.address,
    port: system.port === null ? '' : String(system.port),
    tags: system.tags.join(', '),
    enabled: system.enabled,
    tlsMode: system.tls.mode,
    caPem: system.tls.mode === 'ca' ? system.tls.caPem : '',
    fingerprint: system.tls.mode === 'pinned' ? system.tls.fingerprintSha256 : '',
  };
}

/** Parses and checks the whole form: every problem is named next to its field, at once. */
export function parseSystemForm(body: FormBody, existing: StoredSystem | null): ParsedSystemForm {
  const errors: ParsedSystemForm['errors'] = {};
  const uploaded = textField(body, 'caFile').trim();
  const values: SystemFormValues = {
    name: textField(body, 'name').trim(),
    vendor: textField(body, 'vendor'),
    address: textField(body, 'address').trim(),
    port: textField(body, 'port').trim(),
    tags: textField(body, 'tags'),
    enabled: checkboxField(body, 'enabled'),
    tlsMode: textField(body, 'tlsMode') || 'system',
    // An uploaded file wins over the text area, and is shown there if the form comes back.
    caPem: uploaded !== '' ? uploaded : textField(body, 'caPem').trim(),
    fingerprint: textField(body, 'fingerprint').trim(),
  };
  const nameProblem = checkName(values.name);
  if (nameProblem) errors.name = nameProblem;
  const vendor = isOneOf(VENDORS, values.vendor) ? values.vendor : null;
  if (vendor === null) errors.vendor = `Choose one of ${VENDORS.join(', ')}.`;

  const port = wholeNumberField(body, 'port');
  const portProblem = checkPort(port);
  if (portProblem) errors.port = portProblem;
  const address = checkAddress(values.address, portProblem ? null : port);
  if (!address.ok) errors[address.field] = address.problem;

  const tags = parseTags(values.tags);
  if ('problem' in tags) errors.tags = tags.problem;
  const tls = parseTls(values, existing, errors);
  const credentials = vendor ? parseCredentials(body, vendor, existing, errors) : null;

  const valid = Object.keys(errors).length === 0 && vendor !== null && address.ok && 'tags' in tags && tls !== null;
  const fields = valid ? { name: values.name, vendor, address: address.address, port: address.port, tls, enabled: values.enabled, tags: tags.tags } : null;
  const connection = vendor !== null && address.ok && tls !== null ? { vendor, address: address.address, port: address.port, tls } : null;
  return { values, errors, fields, credentials, connection };
}

function parseTls(values: SystemFormValues, existing: StoredSystem | null, errors: ParsedSystemForm['errors']): SystemTls | null {
  const mode = values.tlsMode;
  if (!isOneOf(TLS_MODES, mode)) {
    errors.tls = 'Choose how the certificate is checked: system CAs, a CA bundle, a pinned fingerprint or insecure.';
    return null;
  }
  if (mode === 'system' || mode === 'insecure') return { mode };
  if (mode === 'pinned') {
    const fingerprint = normalizeFingerprint(values.fingerprint);
    if (fingerprint === null) {
      errors.fingerprint = 'Enter the certificate’s SHA-256 fingerprint: 64 hex digits, e.g. AB:CD:… (use “test connection” to see it).';
      return null;
    }
    values.fingerprint = fingerprint;
    return { mode, fingerprintSha256: fingerprint };
  }
  const pem = values.caPem !== '' ? values.caPem : existing?.tls.mode === 'ca' ? existing.tls.caPem : '';
  if (pem === '') {
    errors.caPem = 'Upload the CA certificate (PEM) or paste it here.';
    return null;
  }
  const checked = checkCaBundle(pem);
  if ('problem' in checked) {
    errors.caPem = checked.problem;
    return null;
  }
  return { mode, caPem: pem };
}

function parseCredentials(body: FormBody, vendor: Vendor, existing: StoredSystem | null, errors: ParsedSystemForm['errors']): Record<string, string> | null {
  const wanted = CREDENTIAL_FIELDS[vendor];
  // Secrets are taken exactly as typed: a password may begin or end with a space.
  const given = Object.fromEntries(wanted.map((key) => [key, textField(body, key)]).filter(([, v]) => v !== ''));
  const keep = existing !== null && existing.vendor === vendor;
  if (Object.keys(given).length === 0 && keep) return null;
  for (const key of wanted) {
    if (given[key] !== undefined) continue;
    errors[key] = keep
      ? 'To change the credentials, fill in every credential field (or leave all of them blank to keep the stored ones).'
      : `Required for ${vendor}${existing ? ' (the vendor changed, so the stored credentials no longer apply)' : ''}.`;
  }
  return given;
}

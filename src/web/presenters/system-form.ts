import { VENDORS, type Vendor } from '../../domain/snapshot.js';
import { type StoredSystem, TLS_MODES, type TlsMode } from '../../domain/system.js';
import type { TestConnectionResult } from '../actions.js';
import { CREDENTIAL_FIELDS, type CredentialField, type SystemFormField, type SystemFormValues } from '../forms/system-form.js';
import { checkCaBundle } from '../forms/tls-input.js';

export const VENDOR_LABELS: Readonly<Record<Vendor, string>> = {
  pure: 'Pure Storage FlashArray',
  ontap: 'NetApp ONTAP',
  storagegrid: 'NetApp StorageGRID',
  datadomain: 'Dell PowerProtect DD / Data Domain',
};

const TLS_LABELS: Record<TlsMode, { label: string; hint: string }> = {
  system: { label: 'System CAs', hint: 'The certificate must be signed by a CA this server trusts and name the address.' },
  ca: { label: 'CA bundle', hint: 'Trust certificates signed by the CA you upload or paste (PEM).' },
  pinned: { label: 'Pinned certificate', hint: 'Trust exactly one certificate, by its SHA-256 fingerprint (works with self-signed certificates).' },
  insecure: { label: 'Insecure: no verification', hint: 'Anyone on the network path could impersonate the array and read its credentials.' },
};

const CREDENTIAL_LABELS: Record<CredentialField, { label: string; type: 'text' | 'password'; autocomplete: string }> = {
  username: { label: 'Username', type: 'text', autocomplete: 'off' },
  password: { label: 'Password', type: 'password', autocomplete: 'new-password' },
  apiToken: { label: 'API token', type: 'password', autocomplete: 'off' },
};

export interface SystemFormState {
  existing: StoredSystem | null;
  values: SystemFormValues;
  errors: Partial<Record<SystemFormField, string>>;
  canSeal: boolean;
  canTest: boolean;
  testResult?: TestConnectionResult | null;
}

/** The view-model of the create/edit form; the template only loops and prints. */
export function presentSystemForm(state: SystemFormState) {
  const { existing, values, errors } = state;
  const base = existing ? `/admin/systems/${existing.id}` : '/admin/systems';
  const currentCa = existing?.tls.mode === 'ca' ? checkCaBundle(existing.tls.caPem) : null;
  return {
    editing: existing !== null,
    action: base,
    testAction: existing ? `${base}/test` : '/admin/systems/test',
    values,
    errors,
    errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
    vendors: VENDORS.map((v) => ({ value: v, label: VENDOR_LABELS[v], selected: values.vendor === v })),
    tlsModes: TLS_MODES.map((m) => ({ value: m, ...TLS_LABELS[m], checked: values.tlsMode === m })),
    insecure: values.tlsMode === 'insecure',
    credentials: (['username', 'password', 'apiToken'] as const).map((key) => {
      const vendors = VENDORS.filter((v) => CREDENTIAL_FIELDS[v].includes(key));
      return { key, ...CREDENTIAL_LABELS[key], vendors: vendors.join(' '), forWhom: vendors.map((v) => VENDOR_LABELS[v]).join(', '), error: errors[key] ?? null };
    }),
    keepHint: existing ? 'Leave every credential field blank to keep the stored credentials; they are never shown.' : null,
    currentCa: currentCa && 'certificates' in currentCa ? currentCa.certificates : [],
    canSeal: state.canSeal,
    canTest: state.canTest,
    test: state.testResult ? presentTestResult(state.testResult) : null,
  };
}

export function presentTestResult(result: TestConnectionResult) {
  return {
    ok: result.ok,
    reachability: result.reachability,
    message: result.message,
    seconds: (result.durationMs / 1000).toFixed(1),
    model: result.model,
    osVersion: result.osVersion,
    fingerprint: result.presentedFingerprint,
  };
}

import type { Kysely } from 'kysely';
import { getSystem } from '../db/repositories/systems.js';
import type { Database } from '../db/schema.js';
import type { SecretBox } from '../lib/secret-box.js';
import { baseUrlOf, parseCredentials, toSystemTarget } from '../poller/targets.js';
import { type ClientOptions, type Credentials, defaultClientOptions, type SystemTarget, type VendorClient, VendorError } from '../vendors/client.js';
import { presentedCertificateOf } from '../vendors/http-errors.js';
import { presentedCertificate } from '../vendors/tls-probe.js';
import { createVendorClient } from '../vendors/registry.js';
import type { TestConnectionInput, TestConnectionResult } from '../web/actions.js';

export interface TestConnectionDeps {
  db: Kysely<Database>;
  /** Opens stored credentials; null when no SECRET_KEY is configured. */
  box: SecretBox | null;
  /** The whole test's deadline (default 15 s): an operator is waiting in front of the form. */
  timeoutMs?: number;
  createClient?: (target: SystemTarget, options: ClientOptions) => VendorClient;
}

class SetupProblem extends Error {}

const noKey = 'SECRET_KEY is not set on this server, so the stored credentials cannot be opened; type the credentials into the form to test with them.';

function credentialsOf(given: Record<string, string>): Credentials {
  const credentials: Credentials = {};
  for (const key of ['username', 'password', 'apiToken'] as const) if (given[key]) credentials[key] = given[key];
  return credentials;
}

async function storedSystem(deps: TestConnectionDeps, id: number) {
  const system = await getSystem(deps.db, id);
  if (!system) throw new SetupProblem(`There is no system with id ${id} (deleted meanwhile?).`);
  if (!deps.box) throw new SetupProblem(noKey);
  return { system, box: deps.box };
}

async function targetOf(deps: TestConnectionDeps, input: TestConnectionInput): Promise<SystemTarget> {
  if ('systemId' in input) {
    const { system, box } = await storedSystem(deps, input.systemId);
    return toSystemTarget(system, box);
  }
  let credentials = credentialsOf(input.credentials);
  if (Object.keys(credentials).length === 0 && input.storedCredentialsOf !== undefined) {
    const { system, box } = await storedSystem(deps, input.storedCredentialsOf);
    credentials = parseCredentials(box.open(system.credentialsSealed));
  }
  if (Object.keys(credentials).length === 0) throw new SetupProblem('Enter the credentials to test with.');
  return { name: 'connection test', vendor: input.vendor, baseUrl: baseUrlOf(input), credentials, tls: input.tls };
}

/** Never lets a credential out, even if an array echoed one back in an error text. */
function scrub(message: string, credentials: Credentials): string {
  let text = message;
  for (const secret of Object.values(credentials)) if (typeof secret === 'string' && secret.length >= 3) text = text.split(secret).join('[redacted]');
  return text;
}

function abandonAfter<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VendorError('VENDOR_TIMEOUT', `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function fingerprintOf(baseUrl: string, err: unknown): Promise<string | null> {
  const refused = presentedCertificateOf(err);
  if (refused) return refused.fingerprintSha256;
  const reachability = err instanceof VendorError ? err.reachability : 'ok';
  // A host that did not answer will not answer a handshake either: do not make the operator wait twice.
  if (!baseUrl.startsWith('https:') || reachability === 'timeout' || reachability === 'unreachable') return null;
  const cert = await presentedCertificate(baseUrl, AbortSignal.timeout(5000)).catch(() => null);
  return cert?.fingerprintSha256 ?? null;
}

/**
 * "Test connection": one poll of the given (unsaved) settings under a short deadline. It reports
 * what was reached and the certificate the array presented, also when that certificate was
 * refused, so the operator can pin it. Nothing is stored.
 */
export async function testConnection(deps: TestConnectionDeps, input: TestConnectionInput): Promise<TestConnectionResult> {
  const started = performance.now();
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const result = (r: Omit<TestConnectionResult, 'durationMs'>): TestConnectionResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  let target: SystemTarget;
  try {
    target = await targetOf(deps, input);
  } catch (err) {
    const message = err instanceof SetupProblem ? err.message : `The stored credentials cannot be opened: ${err instanceof Error ? err.message : String(err)}`;
    return result({ ok: false, reachability: 'auth_failed', message, presentedFingerprint: null, model: null, osVersion: null });
  }
  let client: VendorClient | null = null;
  try {
    client = (deps.createClient ?? createVendorClient)(target, { ...defaultClientOptions, requestTimeoutMs: timeoutMs });
    const snapshot = await abandonAfter(client.poll({ signal: AbortSignal.timeout(timeoutMs) }), timeoutMs + 1000);
    const { model, osVersion } = snapshot.identity;
    const alerts = snapshot.alerts.length;
    const message = `Connected: identity, capacity, components and alerts were read (${alerts} alert${alerts === 1 ? '' : 's'} reported).`;
    return result({ ok: true, reachability: 'ok', message, presentedFingerprint: await fingerprintOf(target.baseUrl, null), model, osVersion });
  } catch (err) {
    const failure = err instanceof VendorError ? err : new VendorError('VENDOR_PARSE', `the client failed: ${err instanceof Error ? err.message : String(err)}`);
    const fingerprint = await fingerprintOf(target.baseUrl, err);
    return result({ ok: false, reachability: failure.reachability, message: scrub(failure.message, target.credentials), presentedFingerprint: fingerprint, model: null, osVersion: null });
  } finally {
    // Logging out must not hold the operator's answer back for long.
    if (client) await Promise.race([client.close().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
}

import path from 'node:path';
import type { SystemTls } from '../domain/system.js';
import { normalizeFingerprint, readCaBundle } from '../domain/tls-trust.js';

/**
 * The parts of a fleet entry that point outside the file: `env:NAME` / `file:PATH` secrets and CA
 * files. They are resolved at import time, so what is stored (sealed) is the value, and a missing
 * variable or unreadable file is reported before anything is written.
 */

export interface FleetSources {
  /** Where `env:NAME` is looked up (the CLI passes its environment in: only cli/ may read the process's own). */
  env: Record<string, string | undefined>;
  /** Reads a file as UTF-8; throws when it cannot. */
  readFile: (file: string) => string;
  /** Relative `file:` and `caFile` paths are resolved against this (the fleet file's folder). */
  baseDir: string;
}

/** Either the value, or the problem that stopped it (without the file/entry/field prefix). */
export type Resolved<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Resolved<T> => ({ ok: true, value });
const fail = <T>(problem: string): Resolved<T> => ({ ok: false, problem });

function osReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return err instanceof Error ? err.message : String(err);
}

function readNamedFile(ref: string, file: string, sources: FleetSources): Resolved<string> {
  const full = path.resolve(sources.baseDir, file);
  try {
    // Secret files usually end with a newline that is not part of the secret.
    const text = sources.readFile(full).replace(/[\r\n]+$/, '');
    return text === '' ? fail(`${ref} names ${full}, which is empty`) : ok(text);
  } catch (err) {
    return fail(`${ref} names ${full}, which cannot be read: ${osReason(err)}`);
  }
}

/** A literal secret, or the value an `env:NAME` / `file:PATH` reference points at. */
export function resolveSecret(value: string, sources: FleetSources): Resolved<string> {
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return fail(`"${value}" is not a valid environment variable reference (env:NAME)`);
    const found = sources.env[name];
    return found === undefined || found === '' ? fail(`env:${name} refers to the environment variable ${name}, which is not set`) : ok(found);
  }
  if (value.startsWith('file:')) {
    const file = value.slice(5);
    return file === '' ? fail('"file:" needs a path (file:/run/secrets/name)') : readNamedFile(value, file, sources);
  }
  return value === '' ? fail('must not be empty') : ok(value);
}

function checkCaPem(pem: string, where: string): Resolved<string> {
  const bundle = readCaBundle(pem);
  if ('certificates' in bundle) return ok(pem);
  if (bundle.problem === 'no-pem') return fail(`${where} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return fail(`${where} holds certificate ${bundle.index} of ${bundle.count}, which cannot be parsed as X.509`);
}

const tlsKeys: Record<SystemTls['mode'], string[]> = {
  system: ['mode'],
  insecure: ['mode'],
  ca: ['mode', 'caPem', 'caFile'],
  pinned: ['mode', 'fingerprintSha256'],
};

/** `tls:` of an entry: "system" / "insecure" as a word, or an object with `mode`. Absent = system trust. */
export function resolveTls(raw: unknown, sources: FleetSources): Resolved<SystemTls> {
  if (raw === undefined || raw === null) return ok({ mode: 'system' });
  if (raw === 'system' || raw === 'insecure') return ok({ mode: raw });
  if (typeof raw !== 'object' || Array.isArray(raw)) return fail('must be "system", "insecure" or an object with a mode (system | ca | pinned | insecure)');
  const tls = raw as Record<string, unknown>;
  const mode = tls.mode;
  if (mode !== 'system' && mode !== 'insecure' && mode !== 'ca' && mode !== 'pinned') {
    return fail(`mode must be one of system, ca, pinned, insecure, not ${JSON.stringify(mode)}`);
  }
  const extra = Object.keys(tls).filter((k) => !tlsKeys[mode].includes(k));
  if (extra.length > 0) return fail(`${extra.join(', ')} does not go with mode ${mode} (allowed: ${tlsKeys[mode].join(', ')})`);
  if (mode === 'system' || mode === 'insecure') return ok({ mode });
  if (mode === 'pinned') {
    const fingerprint = typeof tls.fingerprintSha256 === 'string' ? normalizeFingerprint(tls.fingerprintSha256) : null;
    return fingerprint === null
      ? fail('fingerprintSha256 must be the certificate’s SHA-256 fingerprint: 32 bytes of hex, e.g. AB:CD:…')
      : ok({ mode, fingerprintSha256: fingerprint });
  }
  const { caPem, caFile } = tls;
  if ((caPem === undefined) === (caFile === undefined)) return fail('mode ca needs exactly one of caPem (the PEM text) or caFile (a path)');
  if (caPem !== undefined) {
    return typeof caPem === 'string' ? mapOk(checkCaPem(caPem, 'caPem'), (pem) => ({ mode, caPem: pem })) : fail('caPem must be PEM text');
  }
  if (typeof caFile !== 'string' || caFile === '') return fail('caFile must be a path');
  const read = readNamedFile(`caFile ${caFile}`, caFile, sources);
  if (!read.ok) return read;
  return mapOk(checkCaPem(`${read.value}\n`, `caFile ${caFile}`), (pem) => ({ mode, caPem: pem }));
}

function mapOk<T, U>(r: Resolved<T>, f: (v: T) => U): Resolved<U> {
  return r.ok ? ok(f(r.value)) : r;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { parseDocument } from 'yaml';
import { deleteSystem, insertSystem, listSystems, updateSystem } from '../db/repositories/systems.js';
import type { Database } from '../db/schema.js';
import type { SystemFields } from '../domain/system.js';
import type { SecretBox } from '../lib/secret-box.js';
import { type FleetPlan, planFleetImport } from './fleet-diff.js';
import { type FleetSystem, validateFleet } from './fleet-validate.js';
import { serializeCredentials } from './targets.js';

/**
 * `sfd systems import`: read a fleet file (JSON or YAML), validate it completely, compare it with
 * the database and, unless it is a dry run, make the database match it in one transaction.
 */

/** The fleet file cannot be used; `problems` holds every one found, each naming file, entry and field. */
export class FleetFileError extends Error {
  override name = 'FleetFileError';
  readonly code = 'FLEET_INVALID';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('\n'));
    this.problems = Object.freeze([...problems]);
  }
}

export interface LoadFleetOptions {
  env: Record<string, string | undefined>;
  /** Relative paths (the file itself) are resolved against it. */
  cwd: string;
  readFile?: (file: string) => string;
}

function parseText(text: string, label: string, yaml: boolean): unknown {
  if (!yaml) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new FleetFileError([`${label}: not valid JSON: ${err instanceof Error ? err.message : String(err)}`]);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    // yaml's messages carry "at line L, column C:" and then a code excerpt; the first line is enough.
    throw new FleetFileError(doc.errors.map((e) => `${label}: not valid YAML: ${(e.message.split('\n')[0] ?? e.message).replace(/:$/, '')}`));
  }
  return doc.toJS();
}

/** Reads and validates a fleet file; throws a FleetFileError listing every problem. */
export function loadFleetFile(file: string, options: LoadFleetOptions): FleetSystem[] {
  const readFile = options.readFile ?? ((f: string) => readFileSync(f, 'utf8'));
  const full = path.resolve(options.cwd, file);
  let text: string;
  try {
    text = readFile(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    throw new FleetFileError([`${file}: cannot be read: ${code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)}`]);
  }
  // JSON only for .json: YAML would accept most JSON too, but JSON's own errors are clearer there.
  const doc = parseText(text, file, !/\.json$/i.test(file));
  const { systems, problems } = validateFleet(doc, file, { env: options.env, readFile, baseDir: path.dirname(full) });
  if (problems.length > 0) throw new FleetFileError(problems);
  return systems;
}

function fieldsOf(system: FleetSystem, credentialsSealed: string): SystemFields {
  const { name, vendor, address, port, tls, enabled, tags } = system;
  return { name, vendor, address, port, tls, enabled, tags, credentialsSealed };
}

async function applyPlan(db: Kysely<Database>, plan: FleetPlan, box: SecretBox, now: number): Promise<void> {
  // Removals first, so a system renamed in the file (one removed, one added) never meets itself.
  for (const system of plan.remove) await deleteSystem(db, system.id);
  for (const { system, existing, fields } of plan.change) {
    const patch: Partial<SystemFields> = fieldsOf(system, existing.credentialsSealed);
    // Unchanged credentials keep their envelope: re-sealing would rewrite every row on every import.
    if (fields.includes('credentials')) patch.credentialsSealed = box.seal(serializeCredentials(system.credentials));
    await updateSystem(db, existing.id, patch, now);
  }
  for (const system of plan.add) await insertSystem(db, fieldsOf(system, box.seal(serializeCredentials(system.credentials))), now);
}

export interface ImportOptions {
  dryRun: boolean;
  now?: number;
}

/**
 * Compares the fleet with the database and, unless dryRun, applies the difference atomically. The
 * comparison for a real import runs inside the transaction, so it acts on what it compared.
 */
export async function importFleet(db: Kysely<Database>, fleet: readonly FleetSystem[], box: SecretBox, options: ImportOptions): Promise<FleetPlan> {
  if (options.dryRun) return planFleetImport(fleet, await listSystems(db), box);
  const now = options.now ?? Date.now();
  return db.transaction().execute(async (trx) => {
    const plan = planFleetImport(fleet, await listSystems(trx), box);
    await applyPlan(trx, plan, box, now);
    return plan;
  });
}

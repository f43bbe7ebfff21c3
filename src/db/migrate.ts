import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';

// src/db → ../../migrations in the checkout; dist/src/db → dist/migrations in the build.
export const migrationsFolder = path.resolve(import.meta.dirname, '../../migrations');

// Only dated files are migrations; helpers live in migrations/lib and are never loaded as one.
const migrationFile = /^(\d{4}_\d{2}_\d{2}_\d{4}_[a-z0-9_]+)\.(ts|js)$/;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrationState {
  name: string;
  appliedAt: Date | null;
}

class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of (await fs.readdir(this.folder)).sort()) {
      const match = migrationFile.exec(file);
      if (!match?.[1] || file.endsWith('.d.ts')) continue;
      const mod = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Partial<Migration>;
      if (typeof mod.up !== 'function') throw new MigrationError(`migration ${file} exports no up() function`);
      migrations[match[1]] = mod as Migration;
    }
    return migrations;
  }
}

function migrator(db: Kysely<any>, folder = migrationsFolder): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider(folder) });
}

function unwrap(result: MigrationResultSet, verb: string): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`${verb} failed${failed ? ` at ${failed}` : ''}: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. Each runs in its own transaction. */
export async function migrateToLatest(db: Kysely<any>, folder?: string): Promise<string[]> {
  return unwrap(await migrator(db, folder).migrateToLatest(), 'migration');
}

/** Reverts the most recent migrations, one step at a time; returns the names reverted. */
export async function migrateDown(db: Kysely<any>, steps = 1, folder?: string): Promise<string[]> {
  const reverted: string[] = [];
  const m = migrator(db, folder);
  for (let i = 0; i < steps; i++) {
    const names = unwrap(await m.migrateDown(), 'rollback');
    if (names.length === 0) break;
    reverted.push(...names);
  }
  return reverted;
}

export async function migrationStatus(db: Kysely<any>, folder?: string): Promise<MigrationState[]> {
  const infos = await migrator(db, folder).getMigrations();
  return infos.map((m) => ({ name: m.name, appliedAt: m.executedAt ?? null }));
}

export async function pendingMigrations(db: Kysely<any>, folder?: string): Promise<string[]> {
  return (await migrationStatus(db, folder)).filter((m) => m.appliedAt === null).map((m) => m.name);
}

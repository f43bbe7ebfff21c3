// The Dockerfile, the compose files and .env.example must agree with the code: port, variable
// names, health check path, volume paths, user. No Docker engine runs here, so they are parsed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { configVariables } from '../../src/config.js';
import { parseDatabaseUrl } from '../../src/db/target.js';
import { repoRoot } from '../helpers/cli.js';
import { all, envOf, execForm, finalStage, last, readDockerfile } from '../helpers/dockerfile.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const stages = readDockerfile(path.join(repoRoot, 'Dockerfile'));
const final = finalStage(stages);
const compose = parse(read('docker-compose.yml'));
const composeSqlite = parse(read('docker-compose.sqlite.yml'));
const composeScale = parse(read('docker-compose.scale.yml'));
const variableNames = configVariables.map((v) => v.name);
const defaultPort = configVariables.find((v) => v.name === 'PORT')?.default;
const envExample = read('.env.example');
const envExampleNames = new Set([...envExample.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

test('.env.example lists every variable src/config.ts reads, with its default', () => {
  for (const v of configVariables) {
    assert.ok(envExampleNames.has(v.name), `${v.name} is missing from .env.example`);
    if (v.default !== '') assert.match(envExample, new RegExp(`^#?${v.name}=${v.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), `${v.name} shows its default ${v.default}`);
  }
  for (const required of ['POSTGRES_PASSWORD', 'SECRET_KEY']) assert.match(envExample, new RegExp(`^${required}=$`, 'm'));
});

test('the image: Node LTS slim, non-root, tini, exec-form sfd serve, no build tools in the final stage', () => {
  assert.ok(stages.length >= 2, 'a multi-stage build');
  const nodeImage = /ARG NODE_IMAGE=(\S+)/.exec(read('Dockerfile'))?.[1] ?? '';
  assert.match(nodeImage, /^node:(22|24)(\.\d+)*-[a-z]+-slim$/, 'a current Node LTS slim image');
  assert.equal(last(final, 'USER'), 'node', 'runs as the non-root node user');
  assert.deepEqual(execForm(last(final, 'ENTRYPOINT') ?? ''), ['/usr/bin/tini', '--'], 'tini is PID 1 and forwards signals');
  assert.deepEqual(execForm(last(final, 'CMD') ?? ''), ['node', 'bin/sfd.js', 'serve']);
  assert.ok(existsSync(path.join(repoRoot, 'bin/sfd.js')));
  const finalRuns = all(final, 'RUN').join(' ');
  assert.match(finalRuns, /install .*\btini\b/);
  assert.doesNotMatch(finalRuns, /\b(g\+\+|gcc|make|python3|build-essential)\b/, 'no build tools in the final stage');
  assert.doesNotMatch(finalRuns, /npm (ci|install)/, 'node_modules come from the deps stage');
  const deps = stages.find((s) => all(s, 'RUN').some((r) => /npm ci --omit=dev/.test(r)));
  assert.ok(deps?.name, 'a stage installs production dependencies only');
  assert.match(all(deps, 'RUN').join(' '), /python3 make g\+\+/, 'the native module is built in the deps stage');
  assert.ok(all(final, 'COPY').some((c) => c.includes(`--from=${deps.name} /app/node_modules`)));
});

test('the image: port, health check path, data volume and environment agree with the code', () => {
  const env = envOf(final);
  assert.equal(last(final, 'EXPOSE'), env.PORT);
  assert.equal(env.PORT, defaultPort, 'the image keeps the default port');
  assert.equal(env.HOST, '0.0.0.0', 'listens on every interface inside the container');
  for (const name of Object.keys(env)) assert.ok(name === 'NODE_ENV' || variableNames.includes(name as never), `ENV ${name} is read by src/config.ts`);
  const health = last(final, 'HEALTHCHECK') ?? '';
  const healthPath = /(\/[a-z]+)'\)/.exec(health)?.[1];
  assert.equal(healthPath, '/healthz');
  assert.match(read('src/web/routes/health.ts'), new RegExp(`'${healthPath}'`), 'the route exists');
  const database = parseDatabaseUrl(env.DATABASE_URL ?? '');
  assert.equal(database.kind, 'sqlite');
  const volumes = JSON.parse(last(final, 'VOLUME') ?? '[]') as string[];
  assert.ok(database.kind === 'sqlite' && volumes.some((v) => database.file.startsWith(`${v}/`)), 'the SQLite default lives on the data volume');
  assert.match(all(final, 'RUN').join(' '), /chown node:node \/data/, 'the data volume is writable by the app user');
});

test('docker-compose.yml: PostgreSQL 16 with pg_isready, the app waits for it, required secrets, named volumes, restarts', () => {
  const { db, app } = compose.services;
  assert.equal(db.image, 'postgres:16-alpine');
  assert.match(db.healthcheck.test.join(' '), /pg_isready/);
  assert.deepEqual(app.depends_on, { db: { condition: 'service_healthy' } });
  for (const service of [db, app]) assert.equal(service.restart, 'unless-stopped');
  assert.match(db.environment.POSTGRES_PASSWORD, /^\$\{POSTGRES_PASSWORD:\?.+\}$/);
  assert.match(app.environment.SECRET_KEY, /^\$\{SECRET_KEY:\?.+\}$/);
  assert.match(app.environment.DATABASE_URL, /^postgres:\/\/\$\{POSTGRES_USER:-sfd\}:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432\/\$\{POSTGRES_DB:-sfd\}$/);
  for (const mount of [...db.volumes, ...app.volumes]) {
    const name = String(mount).split(':')[0] ?? '';
    assert.ok(name in compose.volumes, `${name} is a named volume`);
  }
  assert.ok(app.volumes.includes('appdata:/data'));
  assert.ok(app.stop_grace_period, 'longer than Docker’s 10 s: a poll in flight is allowed to finish');
});

test('every compose file forwards each variable its role reads, and gives the app a memory limit', () => {
  // Set by the compose file itself, or by the operator as SECRET_KEY (SECRET_KEY_FILE is the alternative).
  const fixed = new Set(['DATABASE_URL', 'HOST', 'PORT', 'SECRET_KEY', 'SECRET_KEY_FILE']);
  const roles = [
    { file: 'docker-compose.yml app', service: compose.services.app, notRead: [] },
    { file: 'docker-compose.sqlite.yml app', service: composeSqlite.services.app, notRead: ['PG_POOL_SIZE'] },
    // A poller serves no pages and leaves migrations to the app.
    { file: 'docker-compose.scale.yml poller', service: composeScale.services.poller, notRead: ['ADMIN_PASSWORD', 'ANONYMOUS_READ', 'COOKIE_SECURE', 'MIGRATE_ON_START'] },
  ];
  for (const { file, service, notRead } of roles) {
    const missing = variableNames.filter((n) => !fixed.has(n) && !notRead.includes(n) && !(n in service.environment));
    assert.deepEqual(missing, [], `${file} does not pass these on from .env`);
    for (const n of variableNames.filter((v) => !fixed.has(v) && v in service.environment)) {
      assert.equal(service.environment[n], `\${${n}:-}`, `${file}: ${n} is passed as set, empty meaning the default`);
    }
    // The heap Node sizes from this limit is what the poll-cycle benchmark measures with.
    assert.match(String(service.mem_limit), /^\$\{SFD_(POLLER_)?MEMORY_LIMIT:-1g\}$/, `${file} has a memory limit`);
  }
});

test('every compose file: the app port, user-facing variables and volume paths agree with the image', () => {
  const env = envOf(final);
  const services = [compose.services.app, composeSqlite.services.app, composeScale.services.poller];
  for (const service of services) {
    assert.equal(String(service.environment.PORT), env.PORT);
    for (const name of Object.keys(service.environment)) {
      assert.ok(variableNames.includes(name as never) || envExampleNames.has(name), `${name} is read by src/config.ts or documented in .env.example`);
    }
  }
  for (const app of [compose.services.app, composeSqlite.services.app]) {
    assert.ok(app.ports.some((p: string) => p.endsWith(`:${env.PORT}`)), 'publishes the container port');
  }
  const sqliteUrl = parseDatabaseUrl(composeSqlite.services.app.environment.DATABASE_URL);
  assert.ok(sqliteUrl.kind === 'sqlite' && sqliteUrl.file.startsWith('/data/'));
  assert.ok(composeSqlite.services.app.volumes.includes('appdata:/data'));
  assert.deepEqual(composeScale.services.poller.command.slice(-2), ['--role', 'poller']);
  assert.deepEqual(composeScale.services.app.command.slice(-2), ['--role', 'web']);
});

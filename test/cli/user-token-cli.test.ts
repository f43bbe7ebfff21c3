import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import pino from 'pino';
import { ensureFirstAdmin, howToCreateAdmin, resolveSessionSecret } from '../../src/cli/auth-setup.js';
import { main } from '../../src/cli/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { findActiveApiToken } from '../../src/db/repositories/api-tokens.js';
import { listAudit } from '../../src/db/repositories/audit.js';
import { findLogin, findUserByName } from '../../src/db/repositories/users.js';
import { verifyPassword } from '../../src/lib/password.js';
import { engines, withMigratedDatabase } from '../helpers/databases.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfd-user-cli-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

const PASSWORD = 'cli password 1234';

/** Runs sfd in-process with piped stdin, or a fake terminal answering `answers` in turn. */
async function sfd(args: string[], env: Record<string, string>, stdin: { piped?: string; answers?: string[] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(stdin.answers ?? [])];
  const io: CliIo = {
    env,
    cwd,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stdin: { isTTY: stdin.answers !== undefined, readAll: async () => stdin.piped ?? '', askHidden: async () => answers.shift() ?? '' },
  };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function memoryLog() {
  const lines: string[] = [];
  return { log: pino({ level: 'info' }, { write: (l: string) => lines.push(l) }), text: () => lines.join('') };
}

for (const engine of engines) {
  describe(`sfd user and sfd token on ${engine}`, () => {
    test('user add (stdin and terminal), list, passwd, disable; passwords never printed', () =>
      withMigratedDatabase(engine, async ({ db }, testDb) => {
        const env = { DATABASE_URL: testDb.url };
        const add = await sfd(['user', 'add', 'Ops', '--role', 'admin', '--password-stdin'], env, { piped: `${PASSWORD}\n` });
        assert.equal(add.code, 0, add.err);
        assert.equal(add.out, 'created admin "ops"');
        const login = await findLogin(db, 'ops');
        assert.ok(login && (await verifyPassword(PASSWORD, login.passwordHash)));

        const tty = await sfd(['user', 'add', 'viewer1', '--role', 'viewer'], env, { answers: [PASSWORD, PASSWORD] });
        assert.equal(tty.code, 0, tty.err);
        const differ = await sfd(['user', 'add', 'viewer2', '--role', 'viewer'], env, { answers: [PASSWORD, 'something else!'] });
        assert.equal(differ.code, 1);
        assert.match(differ.err, /the two passwords differ; nothing was changed/);
        assert.equal(await findUserByName(db, 'viewer2'), null);
        const noTty = await sfd(['user', 'add', 'viewer2', '--role', 'viewer'], env);
        assert.match(noTty.err, /pipe it in with --password-stdin/);
        const short = await sfd(['user', 'add', 'viewer2', '--role', 'viewer', '--password-stdin'], env, { piped: 'short\n' });
        assert.match(short.err, /at least 10 characters/);
        const asArgument = await sfd(['user', 'add', 'viewer2', PASSWORD, '--role', 'viewer'], env);
        assert.equal(asArgument.code, 2);
        assert.match(asArgument.err, /a password is never an argument/);
        assert.equal((await sfd(['user', 'add', 'x', '--role', 'root', '--password-stdin'], env)).code, 2);
        assert.match((await sfd(['user', 'add', 'ops', '--role', 'viewer', '--password-stdin'], env, { piped: PASSWORD })).err, /already exists/);

        const passwd = await sfd(['user', 'passwd', 'viewer1', '--password-stdin'], env, { piped: 'another password 5678\r\n' });
        assert.equal(passwd.code, 0, passwd.err);
        const changed = await findLogin(db, 'viewer1');
        assert.ok(changed && (await verifyPassword('another password 5678', changed.passwordHash)));

        assert.equal((await sfd(['user', 'disable', 'viewer1'], env)).code, 0);
        const last = await sfd(['user', 'disable', 'ops'], env);
        assert.equal(last.code, 1);
        assert.match(last.err, /"ops" is the last enabled admin/);
        assert.match((await sfd(['user', 'disable', 'ghost'], env)).err, /no user named "ghost"/);

        const list = await sfd(['user', 'list'], env);
        assert.match(list.out, /^NAME\s+ROLE\s+STATUS\s+CREATED\s+LAST SIGN-IN\n/);
        assert.match(list.out, /\nops\s+admin\s+enabled\s+/);
        assert.match(list.out, /\nviewer1\s+viewer\s+disabled\s+/);
        const json = await sfd(['user', 'list', '--json'], env);
        assert.deepEqual(JSON.parse(json.out).users.map((u: { username: string }) => u.username), ['ops', 'viewer1']);
        const everything = [add, tty, differ, passwd, list, json].map((r) => r.out + r.err).join('\n');
        assert.ok(!everything.includes(PASSWORD) && !everything.includes('argon2'), 'no password or hash printed');
        const audit = await listAudit(db);
        assert.deepEqual(audit.map((a) => a.action).reverse(), ['user_create', 'user_create', 'user_password_reset', 'user_disable']);
      }));

    test('token create prints the token once, list never shows it, revoke makes it unusable', () =>
      withMigratedDatabase(engine, async ({ db }, testDb) => {
        const env = { DATABASE_URL: testDb.url };
        const created = await sfd(['token', 'create', '--name', 'grafana', '--role', 'viewer'], env);
        assert.equal(created.code, 0, created.err);
        const token = created.out.trim();
        assert.match(token, /^sfd_[A-Za-z0-9_-]{43}$/);
        assert.match(created.err, /only time it is shown/);
        assert.ok(await findActiveApiToken(db, token));
        assert.equal((await sfd(['token', 'create', '--name', 'grafana', '--role', 'viewer'], env)).code, 1);
        assert.equal((await sfd(['token', 'create', '--name', 'x', '--role', 'superuser'], env)).code, 2);

        const list = await sfd(['token', 'list'], env);
        assert.match(list.out, /^NAME\s+ROLE\s+STATUS\s+CREATED\s+BY\s+LAST USED\n/);
        assert.match(list.out, /\ngrafana\s+viewer\s+active\s+/);
        const json = await sfd(['token', 'list', '--json'], env);
        assert.equal(JSON.parse(json.out).tokens[0].name, 'grafana');
        const hash = (await db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow()).token_hash;
        for (const text of [list.out, json.out]) assert.ok(!text.includes(token) && !text.includes(hash));

        assert.equal((await sfd(['token', 'revoke', 'grafana'], env)).code, 0);
        assert.equal(await findActiveApiToken(db, token), null);
        assert.match((await sfd(['token', 'list'], env)).out, /grafana\s+viewer\s+revoked /);
        assert.match((await sfd(['token', 'revoke', 'nope'], env)).err, /no token named "nope"/);
      }));

    test('first start: ADMIN_PASSWORD creates "admin" once; without it the log says how; the session secret is shared', () =>
      withMigratedDatabase(engine, async (handle) => {
        const missing = memoryLog();
        assert.equal(await ensureFirstAdmin(handle, { adminPassword: null }, missing.log), 'missing');
        assert.ok(missing.text().includes('sfd user add NAME --role admin'), missing.text());
        assert.ok(howToCreateAdmin.includes('ADMIN_PASSWORD'));
        const made = memoryLog();
        assert.equal(await ensureFirstAdmin(handle, { adminPassword: PASSWORD }, made.log), 'created');
        assert.equal((await findUserByName(handle.db, 'admin'))?.role, 'admin');
        assert.equal(await ensureFirstAdmin(handle, { adminPassword: 'a different one!' }, made.log), 'exists');
        const login = await findLogin(handle.db, 'admin');
        assert.ok(login && (await verifyPassword(PASSWORD, login.passwordHash)), 'a later ADMIN_PASSWORD changes nothing');
        assert.ok(!made.text().includes(PASSWORD));

        const derived = await resolveSessionSecret(handle, { secretKey: 'k'.repeat(40) }, made.log);
        assert.equal(derived, await resolveSessionSecret(handle, { secretKey: 'k'.repeat(40) }, made.log));
        assert.ok(!derived.includes('kkkk') && derived.length >= 32);
        const warned = memoryLog();
        const stored = await resolveSessionSecret(handle, { secretKey: null }, warned.log);
        assert.equal(await resolveSessionSecret(handle, { secretKey: null }, warned.log), stored, 'a second replica reads the same secret');
        assert.match(warned.text(), /SECRET_KEY is not set: session cookies are signed with a random secret/);
        assert.ok(!warned.text().includes(stored));
      }));
  });
}

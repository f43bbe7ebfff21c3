import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSession, deleteExpiredSessions, findSession } from '../../../src/db/repositories/sessions.js';
import { countUsers, createUser, deleteUser, findUserByName, listUsers, setUserDisabled, setUserRole, UserError } from '../../../src/db/repositories/users.js';
import { engines, withMigratedDatabase } from '../../helpers/databases.js';

const rejects = (p: Promise<unknown>, code: string) => assert.rejects(p, (err: unknown) => err instanceof UserError && err.code === code);

for (const engine of engines) {
  describe(`users and sessions repositories on ${engine}`, () => {
    test('two admins removing each other at the same moment leave one admin (the last-admin rule holds under concurrency)', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        // On PostgreSQL the two transactions run on two pooled connections at once; without a lock
        // on the admin rows each would count the other as the remaining admin.
        for (let round = 0; round < 8; round++) {
          const a = await createUser(db, { username: `a${round}`, passwordHash: 'h', role: 'admin' });
          const b = await createUser(db, { username: `b${round}`, passwordHash: 'h', role: 'admin' });
          const ops = round % 2 === 0 ? [setUserRole(db, a.id, 'viewer'), setUserRole(db, b.id, 'viewer')] : [setUserDisabled(db, a.id, true), deleteUser(db, b.id)];
          const outcomes = await Promise.allSettled(ops);
          const refused = outcomes.filter((o) => o.status === 'rejected');
          assert.equal(refused.length, 1, `round ${round}: exactly one of the two is refused`);
          assert.ok(refused.every((o) => o.status === 'rejected' && o.reason instanceof UserError && o.reason.code === 'LAST_ADMIN'), String((refused[0] as PromiseRejectedResult | undefined)?.reason));
          const admins = (await listUsers(db)).filter((u) => u.role === 'admin' && !u.disabled);
          assert.equal(admins.length, 1, `round ${round}: one enabled admin is left`);
          // Next round starts from two fresh admins: retire this one cleanly.
          await db.updateTable('users').set({ role: 'viewer' }).where('id', '=', admins[0]?.id ?? -1).execute();
        }
      }));

    test('users: create, case-insensitive names, roles, last-admin rule, sessions of disabled users are gone', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const a = await createUser(db, { username: 'Ann', passwordHash: 'h', role: 'admin', at: 1000 });
        assert.deepEqual(a, { id: a.id, username: 'ann', role: 'admin', disabled: false, createdAt: 1000, lastLoginAt: null });
        await rejects(createUser(db, { username: 'ANN', passwordHash: 'h', role: 'viewer' }), 'USER_EXISTS');
        await rejects(createUser(db, { username: 'bad name', passwordHash: 'h', role: 'viewer' }), 'BAD_USERNAME');
        await rejects(createUser(db, { username: 'x', passwordHash: 'h', role: 'root' as 'admin' }), 'BAD_ROLE');
        const b = await createUser(db, { username: 'ben', passwordHash: 'h', role: 'viewer' });
        assert.equal(await countUsers(db), 2);
        assert.ok(!JSON.stringify(await listUsers(db)).includes('"h"'), 'listing never carries the hash');

        await rejects(setUserRole(db, a.id, 'viewer'), 'LAST_ADMIN');
        await rejects(setUserDisabled(db, a.id, true), 'LAST_ADMIN');
        await rejects(deleteUser(db, a.id), 'LAST_ADMIN');
        await setUserRole(db, b.id, 'admin');
        await setUserDisabled(db, b.id, true);
        await rejects(deleteUser(db, a.id), 'LAST_ADMIN'); // ben is an admin, but a disabled one

        const now = Date.now();
        const token = await createSession(db, a.id, now + 60_000, now);
        assert.equal((await findSession(db, token))?.username, 'ann');
        await setUserDisabled(db, b.id, false);
        await setUserDisabled(db, a.id, true);
        assert.equal(await findSession(db, token), null);
        assert.equal((await db.selectFrom('sessions').select('id').execute()).length, 0);
        await deleteUser(db, a.id);
        assert.equal(await findUserByName(db, 'ann'), null);
        await rejects(deleteUser(db, a.id), 'USER_NOT_FOUND');
      }));

    test('sessions: stored hashed, expire, and expired rows are swept', () =>
      withMigratedDatabase(engine, async ({ db }) => {
        const u = await createUser(db, { username: 'cy', passwordHash: 'h', role: 'viewer' });
        const live = await createSession(db, u.id, 10_000, 0);
        const dead = await createSession(db, u.id, 500, 0);
        const ids = (await db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
        assert.ok(ids.every((id) => /^[0-9a-f]{64}$/.test(id) && id !== live && id !== dead));
        assert.equal((await findSession(db, live, 1000))?.userId, u.id);
        assert.equal(await findSession(db, dead, 1000), null);
        assert.equal(await deleteExpiredSessions(db, 1000), 1);
        assert.equal(await findSession(db, 'not-a-token', 1000), null);
      }));
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARGON2_PARAMS, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../src/lib/password.js';
import { safeNext } from '../../src/web/authenticate.js';

test('argon2id round trip with OWASP parameters; a wrong password, a changed hash or garbage never match', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  assert.equal(await verifyPassword('correct horse battery staple', hash), true);
  assert.equal(await verifyPassword('correct horse battery stapl', hash), false);
  assert.equal(await verifyPassword('', hash), false);
  assert.notEqual(await hashPassword('correct horse battery staple'), hash, 'a fresh salt every time');
  const flipped = hash.slice(0, -2) + (hash.endsWith('A') ? 'B' : 'A') + hash.slice(-1);
  assert.equal(await verifyPassword('correct horse battery staple', flipped), false);
  for (const bad of ['', 'plain', '$argon2i$v=19$m=19456,t=2,p=1$abc$def', '$2b$12$abcdefghijklmnopqrstuv']) assert.equal(await verifyPassword('x', bad), false);
  assert.equal(await verifyPassword('pässwörd ✓ long enough', await hashPassword('pässwörd ✓ long enough')), true);
  assert.equal(needsRehash(hash), false);
  assert.equal(needsRehash(hash.replace('m=19456', 'm=4096')), true);
  assert.equal(ARGON2_PARAMS.memorySize, 19_456);
});

test('the password policy names the problem', () => {
  assert.match(passwordProblem('short') ?? '', /at least 10 characters long \(it has 5\)/);
  assert.match(passwordProblem('x'.repeat(257)) ?? '', /at most 256/);
  assert.equal(passwordProblem('ten chars!'), null);
});

test('next after sign-in is only ever a local path', () => {
  for (const ok of ['/', '/alerts?severity=critical', '/systems/3#chart']) assert.equal(safeNext(ok), ok);
  for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/\tevil', '/login', '/logout?x', 7, undefined]) {
    assert.equal(safeNext(bad), null, String(bad));
  }
});

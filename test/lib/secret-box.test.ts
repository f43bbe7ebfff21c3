import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSecretBox, keyIdOf, SecretBoxError } from '../../src/lib/secret-box.js';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);

function expectCode(fn: () => unknown, code: string, message?: RegExp) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SecretBoxError, `expected a SecretBoxError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (message) assert.match(err.message, message);
    return true;
  });
}

test('seal then open returns the plain text, including empty and non-ASCII text', () => {
  const box = createSecretBox(KEY_A);
  for (const plain of ['', 'hunter2', '{"username":"monitor","password":"p@ss:wörd ✓"}', 'x'.repeat(10_000)]) {
    const sealed = box.seal(plain);
    assert.equal(box.open(sealed), plain);
    assert.ok(!sealed.includes('hunter2'));
  }
});

test('the envelope is v1:<keyId>:<nonce>:<tag>:<ciphertext> with a 12-byte nonce and 16-byte tag', () => {
  const box = createSecretBox(KEY_A);
  const [version, keyId, nonce, tag, body, ...rest] = box.seal('secret').split(':');
  assert.equal(version, 'v1');
  assert.equal(keyId, box.keyId);
  assert.match(box.keyId, /^[0-9a-f]{8}$/);
  assert.equal(Buffer.from(nonce ?? '', 'base64').length, 12);
  assert.equal(Buffer.from(tag ?? '', 'base64').length, 16);
  assert.equal(Buffer.from(body ?? '', 'base64').length, 'secret'.length);
  assert.deepEqual(rest, []);
  assert.equal(keyIdOf(box.seal('x')), box.keyId);
  assert.equal(keyIdOf('plain text'), null);
});

test('every seal uses a fresh nonce, so equal secrets never look equal', () => {
  const box = createSecretBox(KEY_A);
  const sealed = Array.from({ length: 500 }, () => box.seal('same'));
  assert.equal(new Set(sealed).size, sealed.length);
  assert.equal(new Set(sealed.map((s) => s.split(':')[2])).size, sealed.length, 'nonces are unique');
});

test('the key id is stable per key, differs between keys, and is not the key', () => {
  assert.equal(createSecretBox(KEY_A).keyId, createSecretBox(KEY_A).keyId);
  assert.notEqual(createSecretBox(KEY_A).keyId, createSecretBox(KEY_B).keyId);
  assert.ok(!KEY_A.includes(createSecretBox(KEY_A).keyId));
});

test('a wrong key is reported as such, naming both key ids', () => {
  const a = createSecretBox(KEY_A);
  const b = createSecretBox(KEY_B);
  const sealed = a.seal('secret');
  expectCode(() => b.open(sealed), 'SECRET_WRONG_KEY', new RegExp(`sealed with key ${a.keyId}, but SECRET_KEY is key ${b.keyId}`));
});

test('tampering with any part is caught, never returned as garbage', () => {
  const box = createSecretBox(KEY_A);
  const sealed = box.seal('the original secret');
  const parts = sealed.split(':');
  const flip = (b64: string) => {
    const buf = Buffer.from(b64, 'base64');
    buf[0] = (buf[0] ?? 0) ^ 0x01;
    return buf.toString('base64');
  };
  for (const index of [2, 3, 4]) {
    const changed = [...parts];
    changed[index] = flip(changed[index] ?? '');
    expectCode(() => box.open(changed.join(':')), 'SECRET_TAMPERED', /integrity check/);
  }
  // A shortened ciphertext is tampering too.
  const short = [...parts];
  short[4] = Buffer.from(short[4] ?? '', 'base64').subarray(1).toString('base64');
  expectCode(() => box.open(short.join(':')), 'SECRET_TAMPERED');
});

test('malformed envelopes get a clear error', () => {
  const box = createSecretBox(KEY_A);
  const good = box.seal('x').split(':');
  expectCode(() => box.open('hunter2'), 'SECRET_MALFORMED', /not an encrypted envelope/);
  expectCode(() => box.open(['v9', ...good.slice(1)].join(':')), 'SECRET_MALFORMED', /version "v9"/);
  expectCode(() => box.open([...good.slice(0, 2), 'AAAA', ...good.slice(3)].join(':')), 'SECRET_MALFORMED', /nonce/);
  expectCode(() => box.open([...good.slice(0, 4), 'not base64!'].join(':')), 'SECRET_MALFORMED', /ciphertext/);
});

test('the key is derived once per key: later boxes for the same key are cheap', () => {
  createSecretBox('c'.repeat(40));
  const started = performance.now();
  for (let i = 0; i < 50; i++) createSecretBox('c'.repeat(40));
  assert.ok(performance.now() - started < 50, 'scrypt ran again for a cached key');
});

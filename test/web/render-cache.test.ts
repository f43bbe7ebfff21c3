import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRenderCache } from '../../src/web/render-cache.js';

function counting() {
  let renders = 0;
  const render = (text: string) => async () => {
    renders += 1;
    return text;
  };
  return { render, count: () => renders };
}

describe('render cache', () => {
  test('a second request for the same key and version does not render again; another key does', async () => {
    const cache = createRenderCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    const { render, count } = counting();
    assert.equal(await cache.get(1, 'a', render('A1')), 'A1');
    assert.equal(await cache.get(1, 'a', render('changed')), 'A1');
    assert.equal(count(), 1);
    assert.equal(await cache.get(1, 'b', render('B1')), 'B1');
    assert.equal(count(), 2);
  });

  test('a new version drops every entry', async () => {
    const cache = createRenderCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    const { render, count } = counting();
    await cache.get(1, 'a', render('A1'));
    await cache.get(1, 'b', render('B1'));
    assert.equal(await cache.get(2, 'a', render('A2')), 'A2');
    assert.equal(cache.size, 1, 'the version-1 entries are gone');
    assert.equal(count(), 3);
  });

  test('concurrent requests share one render', async () => {
    const cache = createRenderCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    const { render, count } = counting();
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get(1, 'a', render('A'))));
    assert.deepEqual(new Set(answers), new Set(['A']));
    assert.equal(count(), 1);
  });

  test('entries expire after ttlMs; the least recently used goes first when full', async () => {
    let now = 0;
    const cache = createRenderCache<string>({ maxEntries: 2, ttlMs: 1000, now: () => now });
    const { render, count } = counting();
    await cache.get(1, 'a', render('A'));
    now = 999;
    await cache.get(1, 'a', render('A again'));
    assert.equal(count(), 1, 'still fresh');
    now = 1000;
    assert.equal(await cache.get(1, 'a', render('A later')), 'A later');
    assert.equal(count(), 2, 'expired');

    await cache.get(1, 'b', render('B'));
    await cache.get(1, 'a', render('unused')); // a is now the most recently used
    await cache.get(1, 'c', render('C')); // evicts b
    assert.equal(cache.size, 2);
    const before = count();
    await cache.get(1, 'a', render('unused'));
    assert.equal(count(), before, 'a survived');
    assert.equal(await cache.get(1, 'b', render('B again')), 'B again', 'b was evicted');
  });

  test('a failed render is not remembered', async () => {
    const cache = createRenderCache<string>({ maxEntries: 10, ttlMs: 60_000 });
    await assert.rejects(
      cache.get(1, 'a', async () => {
        throw new Error('template broke');
      }),
      /template broke/,
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await cache.get(1, 'a', async () => 'A'), 'A');
  });
});

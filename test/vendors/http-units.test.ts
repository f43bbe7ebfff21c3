// The pure pieces of the HTTP layer: URL joining, Retry-After, vendor error snippets, redaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentKind, parseJson } from '../../src/vendors/http-body.js';
import { parseRetryAfter, vendorMessage } from '../../src/vendors/http-errors.js';
import { collectSecrets, makeRedactor } from '../../src/vendors/http-redact.js';
import { type BaseUrl, endpointOf, joinPath, parseBaseUrl } from '../../src/vendors/http-url.js';

function base(url: string): BaseUrl {
  const b = parseBaseUrl(url);
  assert.ok(!('problem' in b), url);
  return b;
}

test('paths are joined onto the base URL prefix, never replacing it', () => {
  assert.equal(joinPath(base('https://10.0.0.5'), '/api/cluster', undefined), '/api/cluster');
  assert.equal(joinPath(base('https://10.0.0.5/'), 'api/cluster', undefined), '/api/cluster');
  assert.equal(joinPath(base('http://127.0.0.1:9000/sim/ontap-01/'), '/api/cluster', undefined), '/sim/ontap-01/api/cluster');
  assert.equal(joinPath(base('http://127.0.0.1:9000/sim/ontap-01'), '/api/storage/disks?max_records=2&start.uuid=x#frag', { fields: 'name,state' }), '/sim/ontap-01/api/storage/disks?max_records=2&start.uuid=x&fields=name,state');
  assert.equal(joinPath(base('https://a'), '/x', { q: 'a b/c?d', e: undefined }), '/x?q=a%20b/c%3Fd');
});

test('base URLs: ports, IPv6, userinfo kept out of the origin, bad schemes refused', () => {
  const dd = base('https://dd01.example:3009');
  assert.deepEqual([dd.origin, dd.hostname, dd.port, dd.prefix], ['https://dd01.example:3009', 'dd01.example', 3009, '']);
  const v6 = base('https://[fd00::5]/');
  assert.deepEqual([v6.hostname, v6.port], ['fd00::5', 443]);
  const withUser = base('https://admin:p%40ss@10.0.0.5');
  assert.equal(withUser.origin, 'https://10.0.0.5');
  assert.deepEqual(withUser.userinfo, ['admin', 'p@ss']);
  assert.ok('problem' in parseBaseUrl('10.0.0.5'));
  assert.ok('problem' in parseBaseUrl('ftp://10.0.0.5'));
});

test('the logged endpoint has no query and a leading slash', () => {
  assert.equal(endpointOf('GET', 'api/2.26/arrays?continuation_token=secret'), 'GET /api/2.26/arrays');
  assert.equal(endpointOf('DELETE', '/rest/v1.0/auth'), 'DELETE /rest/v1.0/auth');
});

test('Retry-After as seconds or an HTTP date', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now), 90);
  assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('vendor error messages are found in each vendor shape, cleaned and cut short', () => {
  assert.equal(vendorMessage({ errors: [{ context: 'x', message: 'Pure says no' }] }), 'Pure says no');
  assert.equal(vendorMessage({ error: { message: 'ONTAP says no', code: '4' } }), 'ONTAP says no');
  assert.equal(vendorMessage({ code: 500, message: { text: 'Grid says no', key: 'k' } }), 'Grid says no');
  assert.equal(vendorMessage({ code: 5001, details: 'DD\tsays\n\nno' }), 'DD says no');
  assert.equal(vendorMessage({ nothing: 1 }), undefined);
  assert.equal(vendorMessage('plain'), undefined);
  assert.equal(vendorMessage({ message: 'x'.repeat(500) })?.length, 201);
});

test('secrets of a request are collected and redacted, longest first', () => {
  const basic = Buffer.from('admin:hunter22').toString('base64');
  const secrets = collectSecrets({
    headers: { Authorization: `Basic ${basic}`, 'x-auth-token': 'tok-abcdef', accept: 'application/json' },
    json: { username: 'admin', password: 'hunter22', nested: { api_token: 'nested-tok' } },
    query: { filter: 'state', sessionId: 'sess-123' },
    path: '/api?token=path-tok&x=1',
    extra: ['userinfo-pw'],
  });
  for (const s of ['hunter22', basic, 'tok-abcdef', 'nested-tok', 'sess-123', 'path-tok', 'userinfo-pw']) assert.ok(secrets.includes(s), s);
  assert.ok(!secrets.includes('application/json') && !secrets.includes('admin') && !secrets.includes('state'));
  const redact = makeRedactor(secrets);
  assert.equal(redact('got hunter22 and tok-abcdef'), 'got [redacted] and [redacted]');
  // Credential-shaped text is hidden even when this request did not carry it.
  assert.equal(redact('Authorization: Bearer eyJhbGciOi.xyz'), 'Authorization: [redacted]');
  assert.equal(redact('{"password":"other-pw","user":"u"}'), '{"password":[redacted],"user":"u"}');
});

test('content kinds and JSON parse results', () => {
  assert.equal(contentKind('application/json; charset=utf-8'), 'json');
  assert.equal(contentKind('application/hal+json'), 'json');
  assert.equal(contentKind('text/html'), 'html');
  assert.equal(contentKind(undefined), 'missing');
  assert.equal(contentKind('text/plain'), 'other');
  assert.deepEqual(parseJson('{"a":'), { ok: false, truncated: true });
  assert.deepEqual(parseJson('{"a":1,}'), { ok: false, truncated: false });
  assert.deepEqual(parseJson('[1]'), { ok: true, value: [1] });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { FleetFileError, loadFleetFile } from '../../src/poller/fleet-import.js';
import { createCa } from '../helpers/certs.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sfd-fleet-validate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

function problemsOf(file: string, env: Record<string, string> = {}): string[] {
  try {
    loadFleetFile(file, { env, cwd: dir });
  } catch (err) {
    assert.ok(err instanceof FleetFileError, String(err));
    return [...err.problems];
  }
  assert.fail('expected a FleetFileError');
}

const FP = 'ab'.repeat(32);

test('env: and file: references and a CA file resolve; defaults fill in', async () => {
  const { cert: certPem } = await createCa();
  write('dd.pass', 'from-a-file\n');
  write('ca.pem', certPem);
  const file = write(
    'refs.yaml',
    `systems:
  - name: dd-01
    vendor: datadomain
    address: dd01.example.com
    credentials: { username: monitor, password: "file:dd.pass" }
    tls: { mode: ca, caFile: ca.pem }
  - name: fa-01
    vendor: pure
    baseUrl: https://10.0.0.5/
    port: 8443
    credentials: { apiToken: "env:FA_TOKEN" }
    tls: { mode: pinned, fingerprintSha256: "${FP}" }
    tags: [prod, " site:ams ", prod]
    enabled: false
`,
  );
  const [dd, fa] = loadFleetFile(file, { env: { FA_TOKEN: 'token-from-env' }, cwd: dir });
  assert.deepEqual(dd?.credentials, { username: 'monitor', password: 'from-a-file' });
  assert.equal(dd?.tls.mode, 'ca');
  assert.equal(dd?.port, null);
  assert.equal(dd?.enabled, true);
  assert.deepEqual(dd?.tags, []);
  assert.deepEqual(fa?.credentials, { apiToken: 'token-from-env' });
  assert.equal(fa?.address, 'https://10.0.0.5:8443', 'the port is folded into the base URL');
  assert.deepEqual(fa?.tls, { mode: 'pinned', fingerprintSha256: FP.toUpperCase().match(/../g)?.join(':') });
  assert.deepEqual(fa?.tags, ['prod', 'site:ams']);
  assert.equal(fa?.enabled, false);
});

test('every problem is reported at once, naming the file, the entry and the field, never a secret', () => {
  const file = write(
    'bad.yaml',
    `systems:
  - name: fa-01
    vendor: emc
    address: "10.0.0.5:443"
    credentials: { apiToken: "env:MISSING_TOKEN" }
  - name: dd-01
    vendor: datadomain
    address: dd01
    port: 70000
    credentials: { username: monitor, password: "file:/nonexistent/dd.pass" }
    tls: { mode: pinned, fingerprintSha256: "nope" }
  - name: dd-01
    vendor: ontap
    baseUrl: "https://admin:hunter2@cluster1"
    credentials: { username: admin, pasword: hunter2 }
    enabled: "yes"
  - vendor: storagegrid
    address: grid
`,
  );
  const problems = problemsOf(file);
  const expected = [
    /^bad\.yaml: systems\[0\] "fa-01": vendor: must be one of pure, ontap, storagegrid, datadomain, not "emc"$/,
    /^bad\.yaml: systems\[0\] "fa-01": address: must be a host name or IP address, not "10\.0\.0\.5:443" \(a URL goes in baseUrl, a port in port\)$/,
    /^bad\.yaml: systems\[0\] "fa-01": credentials\.apiToken: env:MISSING_TOKEN refers to the environment variable MISSING_TOKEN, which is not set$/,
    /^bad\.yaml: systems\[1\] "dd-01": port: must be a whole number from 1 to 65535, not 70000$/,
    /^bad\.yaml: systems\[1\] "dd-01": credentials\.password: file:\/nonexistent\/dd\.pass names \/nonexistent\/dd\.pass, which cannot be read: no such file$/,
    /^bad\.yaml: systems\[1\] "dd-01": tls: fingerprintSha256 must be/,
    /^bad\.yaml: systems\[2\] "dd-01": name: "dd-01" is already used by systems\[1\]/,
    /^bad\.yaml: systems\[2\] "dd-01": baseUrl: must not contain a user name or password/,
    /^bad\.yaml: systems\[2\] "dd-01": credentials\.pasword: unknown field/,
    /^bad\.yaml: systems\[2\] "dd-01": credentials\.password: required for ontap$/,
    /^bad\.yaml: systems\[2\] "dd-01": enabled: must be true or false, not "yes"$/,
    /^bad\.yaml: systems\[3\]: name: required/,
    /^bad\.yaml: systems\[3\]: credentials: required/,
  ];
  for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `missing ${pattern}\n${problems.join('\n')}`);
  assert.equal(problems.length, expected.length, problems.join('\n'));
  assert.ok(!problems.join('\n').includes('hunter2'), 'a secret was echoed');
});

test('TLS and address rules', () => {
  const file = write(
    'tls.json',
    JSON.stringify({
      systems: [
        { name: 'a', vendor: 'ontap', address: 'c1', baseUrl: 'https://c1', credentials: { username: 'u', password: 'p' } },
        { name: 'b', vendor: 'ontap', address: 'c1', credentials: { username: 'u', password: 'p' }, tls: { mode: 'ca' } },
        { name: 'c', vendor: 'ontap', address: 'c1', credentials: { username: 'u', password: 'p' }, tls: { mode: 'system', caPem: 'x' } },
        { name: 'd', vendor: 'ontap', address: 'c1', credentials: { username: 'u', password: 'p' }, tls: { mode: 'ca', caPem: 'not a pem' } },
        { name: 'e', vendor: 'ontap', baseUrl: 'ftp://c1', credentials: { username: 'u', password: 'p' } },
        { name: 'f', vendor: 'ontap', baseUrl: 'https://c1:8443', port: 9443, credentials: { username: 'u', password: 'p' } },
        { name: 'g', vendor: 'ontap', address: 'fe80::1', credentials: { username: 'u', password: 'p' }, tls: 'insecure', adress: 'typo' },
      ],
    }),
  );
  const problems = problemsOf(file);
  const expected = [
    /systems\[0\] "a": baseUrl: give exactly one of address/,
    /systems\[1\] "b": tls: mode ca needs exactly one of caPem .* or caFile/,
    /systems\[2\] "c": tls: caPem does not go with mode system/,
    /systems\[3\] "d": tls: caPem holds no PEM certificate/,
    /systems\[4\] "e": baseUrl: the base URL must start with https:\/\//,
    /systems\[5\] "f": port: the baseUrl already names a port/,
    /systems\[6\] "g": adress: unknown field/,
  ];
  for (const pattern of expected) assert.ok(problems.some((p) => pattern.test(p)), `missing ${pattern}\n${problems.join('\n')}`);
  assert.equal(problems.length, expected.length, problems.join('\n'));
});

test('unreadable, unparsable and shapeless files get one clear line', () => {
  assert.deepEqual(problemsOf('missing.yaml'), ['missing.yaml: cannot be read: no such file']);
  assert.match(problemsOf(write('broken.json', '{"systems": [')).join('\n'), /^broken\.json: not valid JSON: /);
  assert.match(problemsOf(write('broken.yaml', 'systems:\n  - name: a\n  name: b\n')).join('\n'), /^broken\.yaml: not valid YAML: .*line \d+, column \d+/);
  assert.deepEqual(problemsOf(write('list.yaml', '- name: a\n')), ['list.yaml: expected an object with a "systems" list at the top']);
});

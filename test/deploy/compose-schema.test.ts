import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/cli.js';

const specs = path.resolve(repoRoot, '../shared/vendor-specs');
const schemaFile = path.join(specs, 'compose-spec.schema.json');
const missing = existsSync(schemaFile) ? false : `${schemaFile} is absent (../shared/vendor-specs is only in the workspace)`;
const composeFiles = ['docker-compose.yml', 'docker-compose.sqlite.yml', 'docker-compose.scale.yml'];

// ajv-formats is CommonJS: its default export arrives wrapped in ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The file names its draft as https://json-schema.org/draft-07/schema, a spelling Ajv does not
  // register; Ajv's default draft is draft-07, so the schema compiles without that line.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8'));
  return ajv.compile(schema);
}

for (const file of composeFiles) {
  test(`${file} is valid against the Compose Specification schema`, { skip: missing }, () => {
    const validate = validator();
    const doc = parse(readFileSync(path.join(repoRoot, file), 'utf8'));
    const ok = validate(doc);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  });
}

test('the schema check can fail: a misspelt service key and an unknown depends_on field are rejected', { skip: missing }, () => {
  const validate = validator();
  const doc = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'));
  doc.services.app.restart_policy = 'always';
  assert.equal(validate(doc), false);
  const doc2 = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'));
  doc2.services.app.depends_on = { db: { condition: 'service_healthy', wait: true } };
  assert.equal(validate(doc2), false);
});

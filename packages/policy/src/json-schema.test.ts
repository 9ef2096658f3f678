import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { POLICY_SCHEMA_DIR, policyJsonSchemas } from './json-schema.js';

it('committed JSON Schemas match the zod schemas (regenerate: node --import tsx --conditions=rampart-src packages/policy/src/json-schema.ts)', () => {
  for (const [name, text] of Object.entries(policyJsonSchemas())) {
    assert.equal(readFileSync(join(POLICY_SCHEMA_DIR, name), 'utf8'), text, `schema/${name} is stale`);
  }
});

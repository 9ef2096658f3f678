import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { generateSchemas, SCHEMA_DIR } from './gen-schemas.js';

it('committed JSON Schemas match the zod schemas (run `npm run schemas` after changing them)', () => {
  for (const [name, text] of Object.entries(generateSchemas())) {
    assert.equal(readFileSync(join(SCHEMA_DIR, name), 'utf8'), text, `schemas/${name} is stale`);
  }
});

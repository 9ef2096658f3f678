// JSON Schemas for policy files and policy-test files, generated from the zod schemas (the single
// source) so editors validate them. Regenerate: `node --import tsx --conditions=rampart-src
// packages/policy/src/json-schema.ts` (a test fails when the committed files are stale).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PolicyDocumentSchema } from './policy-schema.js';
import { PolicyTestFileSchema } from './policy-test.js';

export const POLICY_SCHEMA_DIR = new URL('../schema/', import.meta.url).pathname;

export function policyJsonSchemas(): Record<string, string> {
  const make = (id: string, title: string, schema: z.ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return `${JSON.stringify({ $id: `https://rampart.dev/schemas/${id}`, title, ...json }, null, 2)}\n`;
  };
  return {
    'policy.schema.json': make('policy.schema.json', 'Rampart policy', PolicyDocumentSchema),
    'policy-test.schema.json': make('policy-test.schema.json', 'Rampart policy tests', PolicyTestFileSchema),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(POLICY_SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(policyJsonSchemas())) {
    writeFileSync(join(POLICY_SCHEMA_DIR, name), text);
    console.log(`wrote packages/policy/schema/${name}`);
  }
}

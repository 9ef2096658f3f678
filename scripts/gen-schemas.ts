// Generates JSON Schemas from the zod schemas (the single source) so editors can validate
// rampart.yaml, rule files and fixtures and MCP proxy overrides, and other tools can validate the
// JSON report.
// Usage: npm run schemas   (a test fails when the committed schemas are stale). Also writes the policy
// and policy-test schemas of packages/policy/schema (packages/policy/src/json-schema.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleFixtureSchema, RuleSchema, ScanResultSchema } from '@rampart/core';
import { RampartConfigSchema } from '@rampart/engine';
import { McpOverridesSchema } from '@rampart/gateway';
import { z } from 'zod';
import { POLICY_SCHEMA_DIR, policyJsonSchemas } from '../packages/policy/src/json-schema.js';

export function generateSchemas(): Record<string, string> {
  const make = (id: string, title: string, schema: z.ZodType, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
    return `${JSON.stringify({ $id: `https://rampart.dev/schemas/${id}`, title, ...json }, null, 2)}\n`;
  };
  return {
    'rampart-config.schema.json': make('rampart-config.schema.json', 'rampart.yaml', RampartConfigSchema, 'input'),
    'rule.schema.json': make('rule.schema.json', 'Rampart rule', RuleSchema, 'input'),
    'rule-fixture.schema.json': make('rule-fixture.schema.json', 'Rampart rule fixture', RuleFixtureSchema, 'input'),
    'scan-result.schema.json': make('scan-result.schema.json', 'Rampart JSON report', ScanResultSchema, 'output'),
    'mcp-overrides.schema.json': make(
      'mcp-overrides.schema.json',
      'Rampart MCP proxy overrides',
      McpOverridesSchema,
      'input',
    ),
  };
}

export const SCHEMA_DIR = new URL('../schemas/', import.meta.url).pathname;

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(generateSchemas())) {
    writeFileSync(join(SCHEMA_DIR, name), text);
    console.log(`wrote schemas/${name}`);
  }
  for (const [name, text] of Object.entries(policyJsonSchemas())) {
    writeFileSync(join(POLICY_SCHEMA_DIR, name), text);
    console.log(`wrote packages/policy/schema/${name}`);
  }
}

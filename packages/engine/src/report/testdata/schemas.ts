/// <reference path="./ajv-formats-draft2019.d.ts" />
// Schema validators for reporter tests: the official SARIF 2.1.0 (draft-04) and CycloneDX 1.6
// (draft-07, with its SPDX and JSF refs) schemas, read at test time from ../shared/schemas beside
// the repository. They are not copied into the repo; a missing copy fails the test with a clear reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvModule from 'ajv';
import ajv04Module from 'ajv-draft-04';
import ajvFormatsModule from 'ajv-formats';
import addFormats2019 from 'ajv-formats-draft2019';

// CommonJS packages seen from ESM: the class / plugin is the module's `default` export.
const Ajv = ajvModule.default;
const Ajv04 = ajv04Module.default;
const addFormats = ajvFormatsModule.default;

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
export const SCHEMAS_DIR = join(repoRoot, '..', 'shared', 'schemas');

function readSchema(rel: string): Record<string, unknown> {
  const p = join(SCHEMAS_DIR, rel);
  if (!existsSync(p)) {
    throw new Error(
      `schema ${p} not found: these tests validate against the official schemas in ../shared/schemas beside the repository`,
    );
  }
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
}

export interface Validator {
  (data: unknown): boolean;
  errors?: unknown;
}

export function sarifValidator(): Validator {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(readSchema('sarif/sarif-schema-2.1.0.json'));
}

export function cycloneDxValidator(): Validator {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  addFormats2019(ajv);
  ajv.addSchema(readSchema('cyclonedx/spdx.schema.json'));
  ajv.addSchema(readSchema('cyclonedx/jsf-0.82.schema.json'));
  return ajv.compile(readSchema('cyclonedx/bom-1.6.schema.json'));
}

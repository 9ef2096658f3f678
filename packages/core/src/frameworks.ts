// Framework keys used in rule mappings and findings. The catalogs (ids and short names)
// are data under frameworks/ at the repository root; this is only the closed set of keys.
import { z } from 'zod';

export const FRAMEWORK_KEYS = [
  'owasp-llm-2025',
  'owasp-agentic',
  'mitre-atlas',
  'nist-ai-rmf',
  'eu-ai-act',
  'iso-42001',
  'cwe',
] as const;

export const FrameworkKeySchema = z.enum(FRAMEWORK_KEYS);
export type FrameworkKey = z.infer<typeof FrameworkKeySchema>;

export const FrameworkMappingSchema = z
  .object({
    'owasp-llm-2025': z.array(z.string().regex(/^LLM(0[1-9]|10)$/)).optional(),
    'owasp-agentic': z.array(z.string().regex(/^ASI(0[1-9]|10)$/)).optional(),
    'mitre-atlas': z.array(z.string().regex(/^AML\.T\d{4}(\.\d{3})?$/)).optional(),
    'nist-ai-rmf': z.array(z.string().regex(/^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$/)).optional(),
    'eu-ai-act': z.array(z.string().regex(/^Art\. \d+(\(\d+\))?$/)).optional(),
    'iso-42001': z.array(z.string().regex(/^A\.\d+(\.\d+)*$/)).optional(),
    cwe: z.array(z.string().regex(/^CWE-\d+$/)).optional(),
  })
  .strict();
export type FrameworkMapping = z.infer<typeof FrameworkMappingSchema>;

/** One entry of a framework catalog file. */
export const CatalogEntrySchema = z.object({ id: z.string().min(1), name: z.string().min(1) }).strict();
export const CatalogSchema = z
  .object({
    framework: FrameworkKeySchema,
    title: z.string(),
    version: z.string(),
    source: z.string(),
    entries: z.array(CatalogEntrySchema).min(1),
  })
  .strict();
export type Catalog = z.infer<typeof CatalogSchema>;

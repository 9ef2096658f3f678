// rampart.yaml: the scan configuration. The zod schema is the single source; JSON Schema for editors
// is generated from it (npm run schemas). Errors name the file and the line.
import { readFileSync } from 'node:fs';
import { ConfigError, MaturitySchema, SeveritySchema } from '@rampart/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export const RampartConfigSchema = z
  .object({
    version: z.literal(1).default(1),
    include: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    gitignore: z.boolean().optional(),
    defaultExcludes: z.boolean().optional(),
    failOn: SeveritySchema.optional(),
    /** Least mature rules to run: stable (default), incubating or experimental. */
    maturity: MaturitySchema.optional(),
    rules: z
      .record(z.string(), z.object({ enabled: z.boolean().optional(), severity: SeveritySchema.optional() }).strict())
      .optional(),
    baseline: z.string().optional(),
    /** Report findings in test code (tests/, *_test.go, …) of rules that suppress them by default. */
    includeTestCode: z.boolean().optional(),
    workers: z.number().int().min(0).max(64).optional(),
    limits: z
      .object({
        maxFileBytes: z.number().int().positive().optional(),
        maxModelFileBytes: z.number().int().positive().optional(),
        maxDecompressedBytes: z.number().int().positive().optional(),
        maxCompressionRatio: z.number().positive().optional(),
        maxDepth: z.number().int().positive().optional(),
        timeoutMs: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** Options handed to detectors, by detector id. */
    detectors: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    // Sections owned by other commands; validated by them.
    gateway: z.unknown().optional(),
    policies: z.unknown().optional(),
    mcp: z.unknown().optional(),
    store: z.unknown().optional(),
  })
  .strict();
export type RampartConfig = z.infer<typeof RampartConfigSchema>;

/** Parse and validate a config text; `file` names it in errors. */
export function parseConfig(text: string, file: string): RampartConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new ConfigError(`${file}:${line}: ${e.message.split('\n')[0]}`, { path: file, line });
  }
  const parsed = RampartConfigSchema.safeParse(doc.toJS({ maxAliasCount: 100 }) ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of issue.path) {
    if (isMap(node)) node = node.get(key, true) ?? node.items.find((p) => isScalar(p.key) && p.key.value === key)?.key;
    else if (isSeq(node)) node = node.get(Number(key), true);
    else break;
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (range) line = lineCounter.linePos(range[0]).line;
  else if (issue.path.length > 0) {
    // Unknown keys: point at the key itself.
    const top = isMap(doc.contents)
      ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === issue.path[0])
      : undefined;
    const r = (top?.key as { range?: [number, number, number] } | undefined)?.range;
    if (r) line = lineCounter.linePos(r[0]).line;
  }
  if (issue.code === 'unrecognized_keys' && 'keys' in issue) {
    const unknownKey = (issue.keys as string[])[0];
    const parent = issue.path.reduce<unknown>((n, k) => (isMap(n) ? n.get(k, true) : n), doc.contents);
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === unknownKey) : undefined;
    const r = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (r) line = lineCounter.linePos(r[0]).line;
  }
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  const prefix = line !== undefined ? `${file}:${line}` : file;
  throw new ConfigError(`${prefix}: ${where}: ${issue.message}`, {
    path: file,
    ...(line !== undefined ? { line } : {}),
  });
}

export function loadConfigFile(file: string): RampartConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read config (${(e as Error).message})`, { path: file, cause: e });
  }
  return parseConfig(text, file);
}

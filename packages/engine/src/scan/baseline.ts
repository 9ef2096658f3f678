// Baselines: accept today's findings so CI fails only on new ones. Stored as fingerprints, which do
// not change when code moves between lines.
import { readFileSync, writeFileSync } from 'node:fs';
import { ConfigError, type ScanResult } from '@rampart/core';
import { z } from 'zod';

const BaselineSchema = z
  .object({
    version: z.literal(1),
    tool: z.string(),
    createdAt: z.string(),
    findings: z.array(z.object({ fingerprint: z.string(), ruleId: z.string(), path: z.string() }).strict()),
  })
  .strict();
export type Baseline = z.infer<typeof BaselineSchema>;

export function createBaseline(result: ScanResult, now = new Date()): Baseline {
  return {
    version: 1,
    tool: `rampart ${result.tool.version}`,
    createdAt: now.toISOString(),
    findings: result.findings
      // Inline and test-code suppressions are decisions in the code and the rules, not debts to accept.
      .filter((f) => f.suppressed?.kind !== 'inline' && f.suppressed?.kind !== 'test-code')
      .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path }))
      .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)),
  };
}

export function writeBaseline(file: string, b: Baseline): void {
  writeFileSync(file, `${JSON.stringify(b, null, 2)}\n`);
}

export function readBaseline(file: string): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${file}: cannot read baseline (${(e as Error).message})`, { path: file, cause: e });
  }
  const parsed = BaselineSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(`${file}: not a rampart baseline (${parsed.error.issues[0]?.message})`, { path: file });
  return new Set(parsed.data.findings.map((f) => f.fingerprint));
}

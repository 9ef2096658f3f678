// Policy unit tests (`rampart policy test FILE`): given a request, expect a decision.
// A test file names the policy it tests (relative path) and lists cases; each case runs on a
// fresh engine (fresh rate-limit buckets) and may repeat the request to exercise rate limits.
import { dirname, resolve } from 'node:path';
import { EffectSchema, TextRoleSchema } from '@rampart/core';
import { z } from 'zod';
import { PolicyEngine } from './decide.js';
import { compilePolicyText, readPolicyFile, zodConfigError } from './load.js';
import { ModeSchema } from './policy-schema.js';
import { POLICY_ACTIONS, type PolicyDecision, type PolicyRequest } from './types.js';
import { parseYamlSource } from './yaml-source.js';

const DetectionSchema = z
  .object({
    type: z.string().min(1),
    score: z.number().min(0).max(1).default(1),
    flagged: z.boolean().default(true),
    role: TextRoleSchema.default('user'),
    ruleId: z.string().optional(),
  })
  .strict();

const CaseSchema = z
  .object({
    name: z.string().min(1),
    /** A key id from the policy file ... */
    key: z.string().optional(),
    /** ... or an inline identity. */
    identity: z
      .object({
        keyId: z.string().min(1),
        principal: z.string().default('test'),
        team: z.string().optional(),
        roles: z.array(z.string()).default([]),
      })
      .strict()
      .optional(),
    action: z.enum(POLICY_ACTIONS),
    resource: z.object({ kind: z.enum(['model', 'tool', 'mcp-server']), id: z.string().min(1) }).strict(),
    context: z
      .object({
        route: z.string().default('/v1/chat/completions'),
        model: z.string().optional(),
        detections: z.array(DetectionSchema).default([]),
        checkFailed: z.boolean().optional(),
        inputTokens: z.number().int().nonnegative().optional(),
        bodyBytes: z.number().int().nonnegative().optional(),
        args: z.unknown().optional(),
        server: z.string().optional(),
        classification: z.string().optional(),
        media: z
          .object({
            images: z.number().int().nonnegative().default(0),
            audio: z.number().int().nonnegative().default(0),
            files: z.number().int().nonnegative().default(0),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ route: '/v1/chat/completions', detections: [] }),
    /** Send the same request n times (rate limits); the expectation applies to the last. */
    repeat: z.number().int().min(1).max(10_000).default(1),
    expect: z
      .object({
        effect: EffectSchema,
        mode: ModeSchema.optional(),
        applied: EffectSchema.optional(),
        /** Policy ids that must appear among the reasons. */
        policies: z.array(z.string()).optional(),
        redact: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict()
  .refine((c) => (c.key === undefined) !== (c.identity === undefined), 'give exactly one of key or identity');

export const PolicyTestFileSchema = z
  .object({
    $schema: z.string().optional(),
    /** The policy file under test, relative to this file. */
    policy: z.string().min(1),
    tests: z.array(CaseSchema).min(1).max(10_000),
  })
  .strict();

export interface PolicyTestResult {
  name: string;
  ok: boolean;
  line: number | undefined;
  failures: string[];
  decision: PolicyDecision | undefined;
}

export interface PolicyTestReport {
  file: string;
  policy: string;
  revision: string;
  passed: number;
  failed: number;
  results: PolicyTestResult[];
}

export async function runPolicyTests(file: string): Promise<PolicyTestReport> {
  const text = await readPolicyFile(file);
  const src = parseYamlSource(text, file);
  const parsed = PolicyTestFileSchema.safeParse(src.data);
  if (!parsed.success) throw zodConfigError(file, src, parsed.error);
  const policyPath = resolve(dirname(file), parsed.data.policy);
  const compiled = compilePolicyText(await readPolicyFile(policyPath), policyPath);

  const results: PolicyTestResult[] = parsed.data.tests.map((c, i) => {
    const line = src.line(['tests', i]);
    const engine = new PolicyEngine(compiled);
    const failures: string[] = [];
    let identity = c.identity ? { ...c.identity } : c.key !== undefined ? engine.identityFor(c.key) : undefined;
    if (!identity) {
      return { name: c.name, ok: false, line, failures: [`unknown key ${c.key}`], decision: undefined };
    }
    if (identity.team === undefined) {
      const { team: _t, ...rest } = identity;
      identity = rest;
    }
    const req = { identity, action: c.action, resource: c.resource, context: c.context } as PolicyRequest;
    let d: PolicyDecision | undefined;
    for (let n = 0; n < c.repeat; n++) d = engine.decide(req);
    const decision = d as PolicyDecision;
    const e = c.expect;
    if (decision.effect !== e.effect) failures.push(`effect: expected ${e.effect}, got ${decision.effect}`);
    if (e.mode && decision.mode !== e.mode) failures.push(`mode: expected ${e.mode}, got ${decision.mode}`);
    if (e.applied && decision.applied !== e.applied) {
      failures.push(`applied: expected ${e.applied}, got ${decision.applied}`);
    }
    const ids = new Set(decision.reasons.map((r) => r.policyId));
    for (const p of e.policies ?? []) if (!ids.has(p)) failures.push(`expected policy ${p} among the reasons`);
    if (e.redact && e.redact.slice().sort().join(',') !== decision.obligations.redact.join(',')) {
      failures.push(`redact: expected [${e.redact.join(', ')}], got [${decision.obligations.redact.join(', ')}]`);
    }
    if (failures.length > 0) {
      failures.push(`reasons: ${decision.reasons.map((r) => `${r.policyId ?? '-'}: ${r.message}`).join(' | ')}`);
    }
    return { name: c.name, ok: failures.length === 0, line, failures, decision };
  });
  const passed = results.filter((r) => r.ok).length;
  return {
    file,
    policy: policyPath,
    revision: compiled.revision,
    passed,
    failed: results.length - passed,
    results,
  };
}

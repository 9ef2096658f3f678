// Combines the policies Cedar found satisfied into one decision: effects by strictness
// (deny > require-approval > redact > allow, default deny), enforce vs monitor mode, obligations
// and reasons. Pure: no I/O, no state.
import { randomUUID } from 'node:crypto';
import type { Effect } from '@rampart/core';
import type { CedarEvaluation } from './cedar.js';
import type { CompiledPolicy, RuleMeta } from './compile.js';
import type { Obligations, PolicyDecision } from './types.js';

const STRICTNESS: Record<Effect, number> = { allow: 0, redact: 1, 'require-approval': 2, deny: 3 };

interface Outcome {
  effect: Effect;
  rules: RuleMeta[];
}

export function combine(
  compiled: CompiledPolicy,
  ev: CedarEvaluation,
  fired: Set<string>,
  violations: Map<string, string>,
): PolicyDecision {
  const rules = compiled.rules;
  const satisfied = ev.satisfied.map((id) => rules.get(id)).filter((m): m is RuleMeta => m !== undefined);
  // Fail closed: a forbid whose evaluation errored counts as satisfied; an errored permit grants nothing.
  const erroredDenies = ev.errored
    .map((e) => rules.get(e.id))
    .filter((m): m is RuleMeta => m !== undefined && m.effect === 'deny');
  const enforced = outcome(satisfied, erroredDenies, true);
  const observed = outcome(satisfied, erroredDenies, false);
  const stricter = STRICTNESS[observed.effect] > STRICTNESS[enforced.effect];
  // mode "monitor" means: nothing is applied, the effect is only recorded. When enforce-mode
  // policies already apply something (redact, approval, deny), that is the decision, and the
  // stricter monitor-mode outcome is kept as `monitorEffect` plus "(monitor)" reasons.
  const monitor = stricter && enforced.effect === 'allow';
  const shown = monitor ? observed : enforced;

  const reason = (m: RuleMeta, prefix = '') => {
    const detail = m.violation !== undefined ? violations.get(m.violation) : undefined;
    const r: { policyId: string; ruleId?: string; message: string } = {
      policyId: m.id,
      message: prefix + (detail ? `${m.message}: ${detail}` : m.message),
    };
    if (m.ruleId !== undefined) r.ruleId = m.ruleId;
    return r;
  };
  const reasons = shown.rules.map((m) => reason(m));
  if (stricter && !monitor) {
    for (const m of observed.rules)
      if (m.mode === 'monitor') reasons.push(reason(m, `(monitor: would ${observed.effect}) `));
  }
  if (shown.rules.length === 0)
    reasons.push({ policyId: 'rampart:default', message: 'no policy permits this request' });
  for (const e of ev.errored) reasons.push({ policyId: e.id, message: `policy evaluation error: ${e.message}` });

  const obligations: Obligations = { redact: [], restore: false };
  const redact = new Set<string>();
  for (const m of satisfied) {
    if (m.mode !== 'enforce') continue;
    if (m.effect === 'redact') {
      const types = m.redact && m.redact.length > 0 ? m.redact : [...fired].filter((f) => !f.includes('@'));
      for (const t of types) if (fired.has(t)) redact.add(t);
      if (m.restore) obligations.restore = true;
    }
    if (m.effect === 'require-approval' && m.approvalTimeoutMs !== undefined) {
      obligations.approvalTimeoutMs = Math.min(obligations.approvalTimeoutMs ?? Infinity, m.approvalTimeoutMs);
    }
  }
  obligations.redact = [...redact].sort();
  const d: PolicyDecision = {
    id: randomUUID(),
    effect: shown.effect,
    applied: enforced.effect,
    mode: monitor ? 'monitor' : 'enforce',
    reasons,
    policyRevision: compiled.revision,
    obligations,
  };
  if (stricter) d.monitorEffect = observed.effect;
  return d;
}

function outcome(satisfied: RuleMeta[], erroredDenies: RuleMeta[], enforceOnly: boolean): Outcome {
  const use = (m: RuleMeta) => !enforceOnly || m.mode === 'enforce';
  const denies = [...satisfied, ...erroredDenies].filter((m) => m.effect === 'deny' && use(m));
  if (denies.length > 0) return { effect: 'deny', rules: denies };
  const grants = satisfied.filter((m) => m.effect === 'allow' && use(m));
  if (grants.length === 0) return { effect: 'deny', rules: [] };
  for (const effect of ['require-approval', 'redact'] as const) {
    const hit = satisfied.filter((m) => m.effect === effect && use(m));
    if (hit.length > 0) return { effect, rules: hit };
  }
  return { effect: 'allow', rules: grants };
}

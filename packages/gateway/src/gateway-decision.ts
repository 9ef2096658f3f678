// A decision the gateway makes itself, outside the policy file (a rule of the protocol, or a
// gateway setting): recorded in the audit like a policy decision, so SecOps sees why a request was
// refused or what the gateway could not review, and usable with the normal refusal path.
import type { Enforcer, RequestState } from './enforcer.js';
import type { AuditDecision, PolicyAction, PolicyVerdict } from './ports.js';

export function gatewayDecision(
  enforcer: Enforcer,
  state: RequestState,
  d: {
    action: PolicyAction;
    resource: string;
    effect: 'allow' | 'deny';
    reason: string;
    rule: string;
    /** Where in the exchange (default input: most such decisions are taken before the upstream call). */
    stage?: AuditDecision['stage'];
  },
): PolicyVerdict {
  const enforced = enforcer.config.mode === 'enforce';
  const verdict: PolicyVerdict = {
    id: `${state.requestId}:${d.rule}:${state.decisions.length}`,
    effect: d.effect,
    reasons: [{ message: d.reason, ruleId: `gateway/${d.rule}` }],
    policyRevision: enforcer.policy.revision(),
    mode: enforced ? 'enforce' : 'monitor',
  };
  state.decisions.push({
    stage: d.stage ?? 'input',
    action: d.action,
    resource: d.resource,
    id: verdict.id,
    effect: d.effect,
    mode: verdict.mode,
    policyRevision: verdict.policyRevision,
    reasons: [d.reason],
  });
  return verdict;
}

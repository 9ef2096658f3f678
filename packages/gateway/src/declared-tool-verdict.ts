// What policy says about a declared tool before any call exists (Responses request tools, MCP tool
// lists, approvals sent back): a dry-run `call-tool` decision by name, without arguments.
import type { Enforcer, RequestState } from './enforcer.js';
import type { AuditDecision, PolicyRequest, PolicyVerdict } from './ports.js';

/**
 * What policy says about a tool before any call exists. `review`: allowed only case by case (an
 * approval, or an argument constraint or rate limit that the call's own arguments decide).
 */
export type DeclaredVerdict = { kind: 'allow' } | { kind: 'review' } | { kind: 'deny'; decision: PolicyVerdict };

const PER_CALL = /:(args|rate-limit)$/;

export function declaredToolVerdict(
  enforcer: Enforcer,
  state: RequestState,
  name: string,
  server: string | undefined,
  /** What else is known about the declaration (e.g. what a check of its definition found), and the audit stage. */
  extra: { context?: Partial<PolicyRequest['context']>; stage?: AuditDecision['stage'] } = {},
): DeclaredVerdict {
  const v = enforcer.decideToolCall(
    state,
    name,
    // No call yet: no arguments, and a rate-limit token is only looked at, not taken.
    { ...extra.context, dryRun: true, ...(server === undefined ? {} : { server }) },
    extra.stage ?? 'tool-call',
  );
  const d = v.decision;
  if (!v.enforced || d.effect === 'allow' || d.effect === 'redact') return { kind: 'allow' };
  if (d.effect === 'require-approval') return { kind: 'review' };
  // A deny that only argument constraints or rate limits produced depends on the call: its
  // arguments are checked when it is proposed.
  const byPolicy = d.reasons.filter((r) => r.policyId !== undefined);
  if (byPolicy.length > 0 && byPolicy.every((r) => PER_CALL.test(r.policyId as string))) {
    const last = state.decisions[state.decisions.length - 1];
    last?.reasons.push('declared tool kept: the constraint is checked on each call');
    return { kind: 'review' };
  }
  return { kind: 'deny', decision: d };
}

/**
 * The `list-tools` decision on a remote MCP server the provider would connect to, by each of its
 * names (label, and URL or connector id when known): the first enforced decision that is not an
 * allow or a redact, or undefined when every name may be used.
 */
export function declaredServerVerdict(
  enforcer: Enforcer,
  state: RequestState,
  label: string,
  ids: readonly string[],
): PolicyVerdict | undefined {
  for (const id of ids) {
    const v = enforcer.decide(
      state,
      {
        identity: state.identity,
        action: 'list-tools',
        resource: { kind: 'mcp-server', id },
        context: { route: state.route, model: state.model, detections: state.inputDetections, server: label },
      },
      'mcp',
    );
    if (v.enforced && v.decision.effect !== 'redact') return v.decision;
  }
  return undefined;
}

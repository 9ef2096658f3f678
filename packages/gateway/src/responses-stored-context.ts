// A Responses request that continues context the provider stored (previous_response_id, or a
// conversation) makes the provider reuse what it kept: earlier MCP tool lists as the provider
// fetched them (unfiltered), earlier items, earlier approval requests. The gateway reviews what the
// request itself carries (tools, input) but cannot review that stored context, so each such request
// is either refused (responses.previousResponseId: deny) or forwarded with the gap in the audit.
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import type { PolicyVerdict } from './ports.js';

type Obj = Record<string, unknown>;

/** A decision to refuse the request with, or undefined (forwarded; the audit says why it is partial). */
export function reviewStoredContext(enforcer: Enforcer, state: RequestState, body: Obj): PolicyVerdict | undefined {
  const field =
    body.previous_response_id !== undefined && body.previous_response_id !== null
      ? 'previous_response_id'
      : body.conversation !== undefined && body.conversation !== null
        ? 'conversation'
        : undefined;
  if (field === undefined) return undefined;
  const deny = enforcer.config.responses.previousResponseId === 'deny';
  const d = gatewayDecision(enforcer, state, {
    action: 'use-model',
    resource: state.model,
    effect: deny ? 'deny' : 'allow',
    reason: deny
      ? `${field}: stored provider context cannot be reviewed by the gateway (responses.previousResponseId: deny); send the full input instead`
      : `${field}: the provider reuses stored context (earlier MCP tool lists and items) that the gateway did not review again`,
    rule: 'stored-context',
  });
  return deny && d.mode === 'enforce' ? d : undefined;
}

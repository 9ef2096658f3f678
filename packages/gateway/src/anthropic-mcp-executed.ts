// Anthropic MCP connector, response side: a connector tool call the provider already ran
// (`mcp_tool_use`), recorded in the audit and judged by policy after the fact
// (anthropic-mcp-servers.ts reviews the request before it goes upstream).
import type { Enforcer, RequestState } from './enforcer.js';
import type { PolicyVerdict } from './ports.js';

type Obj = Record<string, unknown>;

/**
 * An `mcp_tool_use` block in a response: the provider already ran the call. Recorded as a
 * `call-tool` decision flagged executedUpstream (with its server and arguments; a rate-limit token is
 * looked at, not taken), so the audit says which connector tools ran. Returns why, and the decision,
 * when policy, enforced, does not allow the call outright: the call already ran, so the response
 * reviews block the response (its result must not reach the client). Called by the complete and
 * streamed Anthropic response reviews (the text of both blocks is theirs to check).
 */
export function recordExecutedMcpToolUse(
  enforcer: Enforcer,
  state: RequestState,
  block: Obj,
): { why: string; decision: PolicyVerdict } | undefined {
  const name = typeof block.name === 'string' ? block.name : '';
  const server = typeof block.server_name === 'string' ? block.server_name : '';
  const v = enforcer.decideToolCall(state, name, { args: block.input ?? {}, server, dryRun: true }, 'tool-call');
  const last = state.decisions[state.decisions.length - 1];
  if (last !== undefined) {
    last.executedUpstream = true;
    last.reasons.push('MCP connector: executed upstream by the provider before review');
  }
  const d = v.decision;
  if (!v.enforced || d.effect === 'allow' || d.effect === 'redact') return undefined;
  const why = d.reasons.map((r) => r.message).join('; ') || d.effect;
  return {
    why: `MCP tool ${name} (server ${server}) ran at the provider before review and policy ${
      d.effect === 'deny' ? 'denies it' : 'requires approval for it'
    }: ${why}; its result is withheld`,
    decision: d,
  };
}

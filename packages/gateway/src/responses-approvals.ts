// Request side of the Responses MCP approval flow. The client answers an `mcp_approval_request`
// with an `mcp_approval_response` input item; the provider then runs the tool. The gateway only
// lets an approval through for a request it delivered to this virtual key (mcp-approval-ledger.ts):
// an id it withheld (denied by policy), never saw, or that expired is refused, and so is an
// approval whose request is restated in the input with another tool, server or arguments. A tool
// policy now denies is never approved, whatever was delivered before. Refusals (approve: false)
// pass: they cannot make anything run.

import { declaredToolVerdict } from './declared-tool-verdict.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import { type FoundApproval, ledgerFor, MAX_APPROVAL_ID, type McpApprovalLedger } from './mcp-approval-ledger.js';
import type { PolicyVerdict } from './ports.js';
import { GatewayHttpError } from './provider-errors.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The first approval that cannot pass, as a decision to refuse the request with; undefined: all pass. */
export async function reviewApprovalResponses(
  enforcer: Enforcer,
  state: RequestState,
  body: Obj,
): Promise<PolicyVerdict | undefined> {
  const input = body.input;
  if (!Array.isArray(input)) return undefined;
  const restated = new Map<string, Obj>();
  for (const it of input)
    if (isObj(it) && it.type === 'mcp_approval_request' && typeof it.id === 'string') restated.set(it.id, it);
  const ledger = ledgerFor(enforcer);
  for (const it of input) {
    if (!isObj(it) || it.type !== 'mcp_approval_response' || it.approve === false) continue;
    const id = it.approval_request_id;
    if (typeof id !== 'string' || id === '' || id.length > MAX_APPROVAL_ID)
      throw new GatewayHttpError(
        'invalid_request',
        'invalid_approval_response',
        'mcp_approval_response needs an approval_request_id string and approve: true or false',
        'input',
      );
    const shown = JSON.stringify(id);
    const seen = await findDelivered(ledger, state.identity.keyId, id);
    let why: string | undefined;
    if (seen === 'unreadable')
      why = `mcp_approval_response approves ${shown}, and the gateway could not read its record of delivered approval requests`;
    else if (seen === undefined)
      why = `mcp_approval_response approves ${shown}, which is not an approval request this gateway delivered to this key (withheld by policy, unknown, or older than responses.approvalTtlSeconds)`;
    else {
      const again = restated.get(id);
      if (
        again !== undefined &&
        (again.name !== seen.name ||
          again.server_label !== seen.server ||
          typeof again.arguments !== 'string' ||
          !seen.sameArgs(again.arguments))
      )
        why = `mcp_approval_response approves ${shown}, but the request restated in the input differs from the one the gateway delivered`;
      else if (declaredToolVerdict(enforcer, state, seen.name, seen.server).kind === 'deny')
        why = `mcp_approval_response approves ${shown}: MCP tool ${seen.name} (server ${seen.server}) is denied by policy`;
    }
    if (why === undefined) continue;
    const d = gatewayDecision(enforcer, state, {
      action: 'call-tool',
      resource: typeof seen === 'object' ? seen.name : id,
      effect: 'deny',
      reason: why,
      rule: 'mcp-approval-match',
    });
    if (d.mode === 'enforce') return d;
  }
  return undefined;
}

/** The delivered request, or 'unreadable' when the ledger (the store) failed: then nothing is approved. */
async function findDelivered(
  ledger: McpApprovalLedger,
  keyId: string,
  id: string,
): Promise<FoundApproval | undefined | 'unreadable'> {
  try {
    return await ledger.find(keyId, id);
  } catch {
    return 'unreadable';
  }
}

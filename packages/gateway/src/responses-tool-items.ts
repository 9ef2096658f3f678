// Responses API output items that reach a tool, reviewed one at a time for both the complete
// response (response-review.ts) and the stream (guard-responses.ts):
// - function_call / custom_tool_call: proposed calls the client will run; reviewed like any tool call
//   (a custom tool's free-form input is the argument `input`), arguments through the output leakage
//   checks (reviewToolArgs, tool-call-review.ts) and rewritten in place when policy redacts what they leak or
//   restore puts the request's input placeholders back (tool-args-restore.ts).
// - mcp_approval_request: the provider asks the client to let an MCP tool run; a denied one is
//   withheld, so nobody can approve it.
// - mcp_call: the provider already ran the tool. Review can only withhold the result and record the
//   denial, flagged executedUpstream so SecOps knows the side effect happened.
// - mcp_list_tools: the tools a server offers; those the tool-definition check withholds
//   (responses-mcp-listings.ts, the MCP proxy's check) and those policy denies are dropped from the list.
// - code_interpreter_call, file_search_call, and every *_output item (shell_call_output from a hosted
//   shell, function_call_output / custom_tool_call_output echoed back by some providers, …): tool
//   output.
// What a tool returned (an mcp_call's output or error, code interpreter logs, file search results, a
// *_output item's output; where each type keeps it: responses-input-items.ts) passes the output
// checks that message text gets (secrets, PII, system-prompt leak, canaries): redacted in place or
// withheld as policy decides. A delivered mcp_approval_request is recorded so the approval the client
// sends back can be matched (mcp-approval-ledger.ts).
// A withheld item becomes an assistant message at the same place that says why.
import { LimitError } from '@rampart/core';
import { declaredToolVerdict } from './declared-tool-verdict.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import { ledgerFor } from './mcp-approval-ledger.js';
import { type PathSlot, toolTextSlots } from './responses-input-items.js';
import { reviewListedTools } from './responses-mcp-listings.js';
import {
  argsContext,
  recordArgsScan,
  redactToolArgs,
  reviewTool,
  reviewToolArgs,
  scanToolArgs,
  type ToolReview,
} from './tool-call-review.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const MAX_INPUT = 256 * 1024;
const MAX_LISTED = 512;

export type ToolItemType =
  | 'function_call'
  | 'custom_tool_call'
  | 'mcp_call'
  | 'mcp_approval_request'
  | 'mcp_list_tools'
  | OutputItemType;

/** Items that carry what a tool returned (any type ending in `_output` included). */
type OutputItemType = 'code_interpreter_call' | 'file_search_call' | `${string}_output`;

const TYPES: ReadonlySet<string> = new Set<ToolItemType>([
  'function_call',
  'custom_tool_call',
  'mcp_call',
  'mcp_approval_request',
  'mcp_list_tools',
  'code_interpreter_call',
  'file_search_call',
]);

export function toolItemType(item: unknown): ToolItemType | undefined {
  if (!isObj(item) || typeof item.type !== 'string') return undefined;
  const t = item.type;
  return TYPES.has(t) || (t.endsWith('_output') && t.length <= 64) ? (t as ToolItemType) : undefined;
}

/** Stream events that carry an item's argument text piece by piece, and the field holding it whole. */
export const ARG_EVENTS: Readonly<Record<string, { delta: string; done: string; field: string } | undefined>> = {
  function_call: {
    delta: 'response.function_call_arguments.delta',
    done: 'response.function_call_arguments.done',
    field: 'arguments',
  },
  custom_tool_call: {
    delta: 'response.custom_tool_call_input.delta',
    done: 'response.custom_tool_call_input.done',
    field: 'input',
  },
  mcp_call: {
    delta: 'response.mcp_call_arguments.delta',
    done: 'response.mcp_call_arguments.done',
    field: 'arguments',
  },
};

/** Stream events that belong to a tool item; outside a held item they are never forwarded. */
export const TOOL_EVENT_PREFIXES = [
  'response.function_call_arguments.',
  'response.custom_tool_call_input.',
  'response.mcp_call_arguments.',
  'response.mcp_call.',
  'response.mcp_list_tools.',
];

/** What a streamed item's pieces must add up to: its argument text (the list, for mcp_list_tools). */
export function itemArgText(item: Obj): string {
  const spec = ARG_EVENTS[String(item.type)];
  if (spec !== undefined) return typeof item[spec.field] === 'string' ? (item[spec.field] as string) : '';
  if (item.type === 'mcp_list_tools') return JSON.stringify(item.tools ?? null) ?? '';
  return typeof item.arguments === 'string' ? item.arguments : '';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Reviews one tool item. null: it may go to the client as it now is (an mcp_list_tools item may have
 * been filtered in place); otherwise the message item that takes its place.
 */
export async function reviewToolItem(
  enforcer: Enforcer,
  state: RequestState,
  oi: number,
  item: Obj,
): Promise<Obj | null> {
  const name = str(item.name);
  const server = str(item.server_label);
  let message: string | undefined;
  switch (item.type) {
    case 'function_call': {
      const r = await reviewTool(enforcer, state, name, str(item.arguments));
      message = denied(r);
      if (message === undefined && r.redactedArgs !== undefined) item.arguments = JSON.stringify(r.redactedArgs);
      break;
    }
    case 'custom_tool_call': {
      const input = str(item.input);
      const r: ToolReview =
        input.length > MAX_INPUT
          ? { allowed: false, message: `tool call ${name}: input too large`, decision: undefined }
          : await reviewToolArgs(enforcer, state, name, { input }, 'tool-call');
      message = denied(r);
      const redacted = (r.redactedArgs as { input?: unknown } | undefined)?.input;
      if (message === undefined && typeof redacted === 'string') item.input = redacted;
      break;
    }
    case 'mcp_approval_request': {
      const r = await reviewMcpArgs(enforcer, state, name, str(item.arguments), server);
      message = denied(r);
      // The provider would run the tool with the arguments it holds, not a redacted copy the client
      // approves: a request whose arguments policy wants redacted is withheld instead.
      if (message === undefined && r.redactedArgs !== undefined)
        message = `tool call ${name} (server ${server}) withheld: its arguments carry data policy redacts, and the provider would run it with them unredacted`;
      if (message === undefined && typeof item.id === 'string') {
        // Recorded before the client can see it, so an approval sent to any gateway process on a
        // shared ledger finds it; a request that could not be recorded could never be approved.
        try {
          await ledgerFor(enforcer).record(state.identity.keyId, item.id, { server, name, args: str(item.arguments) });
        } catch (e) {
          // A full ledger says so (its LimitError names the bound, no request data); other errors stay unsaid.
          const full = e instanceof LimitError ? ` (${e.message})` : '';
          const why = `MCP approval request ${JSON.stringify(item.id)} for tool ${name} (server ${server}) could not be recorded${full}, so an approval could not be matched`;
          const d = gatewayDecision(enforcer, state, {
            action: 'call-tool',
            resource: name,
            effect: 'deny',
            reason: why,
            rule: 'mcp-approval-record',
          });
          if (d.mode === 'enforce') message = `tool call ${name} (server ${server}) withheld: ${why}`;
        }
      }
      break;
    }
    case 'mcp_call':
      message =
        reviewExecuted(enforcer, state, item, name, server) ??
        checkToolOutput(enforcer, state, item, `MCP tool ${name} (server ${server}) ran at the provider`);
      break;
    case 'mcp_list_tools':
      filterListed(enforcer, state, item, server);
      return null;
    case 'code_interpreter_call':
      message = checkToolOutput(enforcer, state, item, `code interpreter call ${str(item.id) || '?'}`);
      break;
    case 'file_search_call':
      message = checkToolOutput(enforcer, state, item, `file search ${str(item.id) || '?'}`);
      break;
    default:
      // function_call_output, custom_tool_call_output, shell_call_output, local_shell_call_output,
      // apply_patch_call_output, … and any other *_output item.
      message = checkToolOutput(enforcer, state, item, `tool call ${str(item.call_id) || str(item.id) || '?'}`);
  }
  return message === undefined ? null : explanation(item, oi, message);
}

const denied = (r: ToolReview): string | undefined => (r.allowed ? undefined : r.message);

/** An MCP call's arguments are a JSON text like a function call's; the server is its label. */
function reviewMcpArgs(
  enforcer: Enforcer,
  state: RequestState,
  name: string,
  argsText: string,
  server: string,
): Promise<ToolReview> {
  const args = parseArgs(argsText);
  if (args === undefined)
    return Promise.resolve({
      allowed: false,
      message: `tool call ${name}: arguments are not valid JSON or too large`,
      decision: undefined,
    });
  return reviewToolArgs(enforcer, state, name, args.value, 'tool-call', server);
}

function parseArgs(text: string): { value: unknown } | undefined {
  if (text.length > MAX_INPUT) return undefined;
  try {
    return { value: text === '' ? {} : JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * A call the provider already made. No approval can be asked for any more: anything but allow
 * withholds the result. Every such decision is flagged executedUpstream in the audit.
 */
function reviewExecuted(
  enforcer: Enforcer,
  state: RequestState,
  item: Obj,
  name: string,
  server: string,
): string | undefined {
  const args = parseArgs(str(item.arguments));
  // What the arguments leaked has already left; the checks still decide whether the result (and the
  // arguments, redacted or not) reach the client, and the audit says what left.
  const scan = args === undefined ? undefined : scanToolArgs(enforcer, args.value);
  const v = enforcer.decideToolCall(
    state,
    name,
    {
      detections: scan === undefined ? state.inputDetections : argsContext(state, scan),
      args: args?.value,
      server,
      ...(scan?.failed ? { checkFailed: true } : {}),
      // It already ran: a rate limit is looked at but the call is not counted twice.
      dryRun: true,
    },
    'tool-call',
  );
  const last = state.decisions[state.decisions.length - 1];
  if (last !== undefined) {
    last.executedUpstream = true;
    last.reasons.push('executed upstream by the provider before review');
  }
  if (scan !== undefined) recordArgsScan(state, name, scan);
  const d = v.decision;
  const at = scan !== undefined && scan.flagged.length > 0 ? ` (${scan.where})` : '';
  const why = (d.reasons.map((r) => r.message).join('; ') || d.effect) + at;
  if (args === undefined)
    return `MCP tool ${name} (server ${server}) ran at the provider with unreadable arguments; its result is withheld`;
  if (!v.enforced || d.effect === 'allow' || d.effect === 'redact') {
    if (scan === undefined) return undefined;
    const r = redactToolArgs(enforcer, state, scan, d, v.enforced);
    if (!r.ok)
      return `MCP tool ${name} (server ${server}) ran at the provider with arguments that leak what cannot be redacted (${scan.where}); its result is withheld`;
    if (r.args !== undefined) item.arguments = JSON.stringify(r.args);
    return undefined;
  }
  return `MCP tool ${name} (server ${server}) ran at the provider before review and policy ${
    d.effect === 'deny' ? 'denies it' : 'requires approval for it'
  }: ${why}; its result is withheld`;
}

/**
 * Runs the output checks on what a tool returned (responses-input-items.ts says where each item type
 * keeps it), as on message text: a redact decision rewrites the text in place; deny (or a check that
 * failed closed, or an item past the walk's bounds) withholds the item. Images and files are not
 * text and pass unread. Returns why the item is withheld, or undefined.
 */
function checkToolOutput(enforcer: Enforcer, state: RequestState, item: Obj, what: string): string | undefined {
  let slots: PathSlot[];
  try {
    slots = toolTextSlots(item, String(item.type));
  } catch {
    return `${what}; its output is too deeply nested or too large for the output checks and is withheld`;
  }
  for (const s of slots) {
    const v = s.holder[s.key as never] as string;
    const before = state.decisions.length;
    const r = enforcer.checkOutput(state, v);
    // The audit says where the detections were: in a tool's output, not in the model's text.
    if (state.decisions.length > before)
      state.decisions[state.decisions.length - 1]?.reasons.push(`in the ${s.path} of ${what}`);
    if (r.blocked !== undefined) {
      const why = r.blocked.reasons.map((x) => x.message).join('; ') || r.blocked.effect;
      return `${what}; its ${s.path} is withheld by the output checks: ${why} (decision ${r.blocked.id})`;
    }
    (s.holder as Record<string | number, unknown>)[s.key] = r.text;
  }
  return undefined;
}

/** Drops the tools the tool-definition check withholds, then those policy denies outright. */
function filterListed(enforcer: Enforcer, state: RequestState, item: Obj, server: string): void {
  if (!Array.isArray(item.tools)) return;
  reviewListedTools(enforcer, state, item);
  if (!Array.isArray(item.tools)) return;
  const tools = item.tools.slice(0, MAX_LISTED);
  item.tools = tools.filter(
    (t) => isObj(t) && declaredToolVerdict(enforcer, state, str(t.name), server).kind !== 'deny',
  );
}

/** The assistant message that stands where a withheld item was. */
export function explanation(item: Obj, oi: number, message: string): Obj {
  return {
    type: 'message',
    id: typeof item.id === 'string' ? item.id : `msg_rampart_${oi}`,
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text: `[rampart] ${message}`, annotations: [] }],
  };
}

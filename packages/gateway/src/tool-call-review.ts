// Tool-call oversight: one proposed tool call reviewed against policy — its arguments parsed and
// bounded, the output leakage checks run over their string values (tool-args-leak.ts), this
// request's input placeholders restored in them (tool-args-restore.ts), a redact obligation applied
// in place, and require-approval held until a person answers (the approval port). The decision
// itself is recorded by the Enforcer, like every other.
import { type Enforcer, REDACTABLE, type RequestState, toAudit, toCtx } from './enforcer.js';
import type { AuditDecision, DetectionContext, DetectionView, PolicyVerdict } from './ports.js';
import { type ArgsLayout, describeWhere, LEAK_TYPES, layoutArgs, redactArgs } from './tool-args-leak.js';
import { restoreArgs, restoreUntouched, stringValues } from './tool-args-restore.js';

export interface ToolReview {
  allowed: boolean;
  /** Why not (empty when allowed). */
  message: string;
  /** undefined when the call was refused before policy (unparseable or oversize arguments). */
  decision: PolicyVerdict | undefined;
  /**
   * The arguments to forward when review rewrote them: leaked PII/secrets redacted in their string
   * values (policy said redact) and, for a call the client runs (stage tool-call, no server), this
   * request's input placeholders restored (tool-args-restore.ts).
   */
  redactedArgs?: unknown;
}

/** What the output leakage checks found in a proposed call's arguments. */
export interface ArgsScan {
  layout: ArgsLayout | undefined;
  flagged: DetectionView[];
  /** The check could not run (error, time-out, past the walk's bounds) and fails closed. */
  failed: boolean;
  /** Where the findings are (JSON paths, never values), for the audit and the explanation. */
  where: string;
}

const MAX_TOOL_ARGS = 256 * 1024;
const CLEAN_ARGS: ArgsScan = { layout: undefined, flagged: [], failed: false, where: '' };

/**
 * Reviews one proposed tool call. require-approval holds it until a person answers or the
 * timeout passes (timeout = deny). Unparseable or oversize arguments are denied.
 */
export async function reviewTool(
  enforcer: Enforcer,
  state: RequestState,
  name: string,
  argsText: string,
): Promise<ToolReview> {
  let args: unknown;
  if (argsText.length > MAX_TOOL_ARGS)
    return { allowed: false, message: `tool call ${name}: arguments too large`, decision: undefined };
  try {
    args = argsText === '' ? {} : JSON.parse(argsText);
  } catch {
    return { allowed: false, message: `tool call ${name}: arguments are not valid JSON`, decision: undefined };
  }
  return reviewToolArgs(enforcer, state, name, args, 'tool-call');
}

export async function reviewToolArgs(
  enforcer: Enforcer,
  state: RequestState,
  name: string,
  args: unknown,
  stage: AuditDecision['stage'],
  server?: string,
): Promise<ToolReview> {
  // Calls the model proposes to the client, and the MCP proxy's tools/call (the agent's model wrote them too).
  const scan = stage === 'tool-call' || stage === 'mcp' ? scanToolArgs(enforcer, args) : CLEAN_ARGS;
  // The leakage checks read what the model wrote: a placeholder is no leak, and the caller's own
  // value it stands for is not flagged once restored. What the client's tool would receive is
  // this request's placeholders restored (a call the client runs; not one a provider runs with the
  // arguments it holds: server set). Argument constraints and the approver judge those values, so
  // a placeholder can neither slip past a constraint nor fail one.
  const restored = stage === 'tool-call' && server === undefined ? restoreToolArgs(enforcer, state, args) : undefined;
  const runs = restored ?? args;
  const v = enforcer.decideToolCall(
    state,
    name,
    {
      detections: argsContext(state, scan),
      args: runs,
      ...(server ? { server } : {}),
      ...(scan.failed ? { checkFailed: true } : {}),
    },
    stage,
  );
  recordArgsScan(state, name, scan);
  const why = v.decision.reasons.map((r) => r.message).join('; ') || v.decision.effect;
  const d = v.decision;
  const at =
    scan.flagged.length > 0
      ? ` (${scan.where})`
      : scan.failed
        ? ' (the output checks on its arguments could not run: fail closed)'
        : '';
  if (d.effect === 'deny' && v.enforced)
    return { allowed: false, message: `tool call ${name} denied by policy: ${why}${at}`, decision: d };
  if (!v.enforced || d.effect === 'allow' || d.effect === 'redact')
    return afterAllow(enforcer, state, name, scan, d, v.enforced, restored);
  // require-approval
  if (enforcer.approvals === undefined) {
    return {
      allowed: false,
      message: `tool call ${name} needs approval and no approval store is configured`,
      decision: d,
    };
  }
  const timeoutMs = v.decision.obligations?.approvalTimeoutMs ?? enforcer.config.limits.approvalTimeoutMs;
  const id = await enforcer.approvals.request({
    requestId: state.requestId,
    decisionId: v.decision.id,
    identity: state.identity,
    tool: name,
    argsPreview: previewArgs(enforcer, runs),
    timeoutMs,
  });
  const outcome = await enforcer.approvals.wait(id, timeoutMs, state.signal);
  const last = state.decisions[state.decisions.length - 1];
  if (last !== undefined) last.approval = { id, outcome };
  if (outcome === 'approved') return afterAllow(enforcer, state, name, scan, d, true, restored);
  return { allowed: false, message: `tool call ${name} was not approved (${outcome}, approval ${id})`, decision: d };
}

/**
 * A copy of a proposed call's arguments with this request's input placeholders restored in their
 * string values; undefined when restore does not apply (no input redaction, a policy without the
 * restore obligation, restoreRedactions off) or there was nothing to restore.
 */
export function restoreToolArgs(enforcer: Enforcer, state: RequestState, args: unknown): unknown | undefined {
  const map = state.redactionMap;
  if (map === undefined || !state.restore) return undefined;
  return restoreArgs(args, (s) => enforcer.checks.restore(s, map));
}

/**
 * Runs the output leakage checks over a proposed call's argument values (see tool-args-leak.ts).
 * Calls without arguments cost nothing.
 */
export function scanToolArgs(enforcer: Enforcer, args: unknown): ArgsScan {
  if (!enforcer.config.checks.output.enabled) return CLEAN_ARGS;
  const layout = layoutArgs(args);
  const failClosed = enforcer.config.checks.output.onError === 'deny';
  if (layout === undefined)
    return {
      layout,
      flagged: [],
      failed: failClosed,
      where: 'arguments too deeply nested or too many values to check',
    };
  if (layout.leaves.length === 0) return CLEAN_ARGS;
  const t0 = performance.now();
  const r = enforcer.safeCheck(layout.text, 'model-output', enforcer.config.checks.output.onError);
  enforcer.metrics.detectorLatency.observe('stage="output"', performance.now() - t0);
  const flagged = r.detections.filter((d) => d.flagged && LEAK_TYPES.has(d.type));
  return { layout, flagged, failed: r.failed, where: flagged.length > 0 ? describeWhere(layout, flagged) : '' };
}

/** The call-tool context's detections: the turn's input detections and what the arguments leak. */
export function argsContext(state: RequestState, scan: ArgsScan): DetectionContext[] {
  if (scan.flagged.length === 0) return state.inputDetections;
  return [...state.inputDetections, ...scan.flagged.map((d) => toCtx(d, 'model-output'))];
}

/** Audit: the detection types found in the arguments and, on the decision, where (paths only). */
export function recordArgsScan(state: RequestState, name: string, scan: ArgsScan): void {
  if (scan.flagged.length === 0 && !scan.failed) return;
  for (const d of scan.flagged) state.detections.push(toAudit(d));
  const last = state.decisions[state.decisions.length - 1];
  if (scan.flagged.length > 0)
    last?.reasons.push(
      `${[...new Set(scan.flagged.map((d) => d.type))].join(', ')} ${scan.where} of tool call ${name}`,
    );
  if (scan.failed) last?.reasons.push(`the output checks on the arguments of tool call ${name} failed (fail closed)`);
}

/**
 * An allowed call whose arguments were flagged: a redact obligation rewrites the flagged PII /
 * secrets inside the string values (the JSON stays valid); one that cannot be redacted there
 * withholds the call.
 */
export function redactToolArgs(
  enforcer: Enforcer,
  state: RequestState,
  scan: ArgsScan,
  d: PolicyVerdict,
  enforced: boolean,
): { ok: boolean; args?: unknown } {
  if (!enforced || scan.flagged.length === 0 || scan.layout === undefined) return { ok: true };
  // A redact obligation names its types (it can come with an approval); a bare redact means PII and secrets.
  const ob = d.obligations;
  let types: ReadonlySet<string>;
  if (ob !== undefined && ob.redact.length > 0) types = new Set(ob.redact);
  else if (d.effect === 'redact') types = REDACTABLE;
  else return { ok: true };
  const dets = scan.flagged.filter((x) => types.has(x.type));
  if (dets.length === 0) return { ok: true };
  try {
    if (!redactArgs(enforcer.checks, scan.layout, dets)) return { ok: false };
  } catch {
    return { ok: false };
  }
  state.redacted = true;
  return { ok: true, args: scan.layout.root[0] };
}

function afterAllow(
  enforcer: Enforcer,
  state: RequestState,
  name: string,
  scan: ArgsScan,
  d: PolicyVerdict,
  enforced: boolean,
  restored: unknown | undefined,
): ToolReview {
  const before = restored !== undefined && scan.layout !== undefined ? stringValues(scan.layout) : undefined;
  const r = redactToolArgs(enforcer, state, scan, d, enforced);
  if (!r.ok)
    return {
      allowed: false,
      message: `tool call ${name} withheld: its arguments carry ${[...new Set(scan.flagged.map((x) => x.type))].join(', ')} that cannot be redacted in place (${scan.where})`,
      decision: d,
    };
  let out = r.args;
  const map = state.redactionMap;
  if (restored !== undefined && map !== undefined)
    // Redaction rewrote the model's arguments in place: restore in the values it left alone only.
    out =
      out === undefined || before === undefined || scan.layout === undefined
        ? restored
        : restoreUntouched(scan.layout, before, (s) => enforcer.checks.restore(s, map));
  return out === undefined
    ? { allowed: true, message: '', decision: d }
    : { allowed: true, message: '', decision: d, redactedArgs: out };
}

/** What an approver sees: the arguments with secrets and PII redacted, bounded in size. */
function previewArgs(enforcer: Enforcer, args: unknown): string {
  let s = JSON.stringify(args) ?? '';
  if (s.length > 4000) s = `${s.slice(0, 4000)}…`;
  try {
    const dets = enforcer.checks.check(s, 'model-output').detections.filter((d) => REDACTABLE.has(d.type));
    return dets.length > 0 ? enforcer.checks.redact(s, dets).text : s;
  } catch {
    return '[arguments withheld: redaction failed]';
  }
}

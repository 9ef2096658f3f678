// Applies policy to one request: input inspection + decision, output text checks, tool-call review
// (with approvals; the output leakage checks over each call's arguments, tool-args-leak.ts; the
// request's input placeholders restored in them, tool-args-restore.ts). Shared by the non-streaming
// path, the stream guards and the MCP proxy, so the same request gets the same verdict whichever way
// the bytes travel.
import type { TextRole } from '@rampart/core';
import type { GatewayConfig } from './config.js';
import type { MediaCount } from './media-parts.js';
import type { GatewayMetrics } from './metrics.js';
import type {
  ApprovalPort,
  AuditDecision,
  AuditRecord,
  DetectionContext,
  DetectionView,
  Identity,
  PolicyPort,
  PolicyRequest,
  PolicyVerdict,
  RedactionMap,
  TextChecks,
} from './ports.js';
import type { TextSlot } from './request-shape.js';
import { type ArgsLayout, describeWhere, LEAK_TYPES, layoutArgs, redactArgs } from './tool-args-leak.js';
import { restoreArgs, restoreUntouched, stringValues } from './tool-args-restore.js';

export interface RequestState {
  requestId: string;
  identity: Identity;
  route: string;
  model: string;
  signal: AbortSignal;
  /** Placeholders introduced by input redaction, for restore in the response. */
  redactionMap: RedactionMap | undefined;
  decisions: AuditDecision[];
  detections: AuditRecord['detections'];
  redacted: boolean;
  /** Input detections, handed to tool-call decisions (an injected tool result can block tools). */
  inputDetections: DetectionContext[];
  /** Restore input placeholders in the response (policy obligation and gateway setting). */
  restore: boolean;
  classification?: string;
  /** Media the request carries (media-parts.ts), counted once, for the use-model decision. */
  media?: MediaCount;
}

export function newRequestState(
  requestId: string,
  identity: Identity,
  route: string,
  signal: AbortSignal,
): RequestState {
  return {
    requestId,
    identity,
    route,
    model: '',
    signal,
    redactionMap: undefined,
    decisions: [],
    detections: [],
    redacted: false,
    inputDetections: [],
    restore: true,
  };
}

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

const CLEAN_ARGS: ArgsScan = { layout: undefined, flagged: [], failed: false, where: '' };

export interface Verdict {
  decision: PolicyVerdict;
  /** The effect is applied (enforce mode on both the policy and the gateway). */
  enforced: boolean;
}

const REDACTABLE = new Set(['pii', 'secret']);
const INSTRUCTION_TYPES = new Set(['prompt-injection', 'jailbreak']);
const MAX_TOOL_ARGS = 256 * 1024;

export class Enforcer {
  constructor(
    readonly config: GatewayConfig,
    readonly policy: PolicyPort,
    readonly checks: TextChecks,
    readonly metrics: GatewayMetrics,
    readonly approvals: ApprovalPort | undefined,
  ) {}

  /**
   * The `call-tool` decision for tool `name`: identity, action and resource from the request, route
   * and model too unless `context` sets them. One place for every caller that judges a tool call.
   */
  decideToolCall(
    state: RequestState,
    name: string,
    context: Partial<PolicyRequest['context']>,
    stage: AuditDecision['stage'],
  ): Verdict {
    return this.decide(
      state,
      {
        identity: state.identity,
        action: 'call-tool',
        resource: { kind: 'tool', id: name },
        context: { route: state.route, model: state.model, detections: state.inputDetections, ...context },
      },
      stage,
    );
  }

  decide(state: RequestState, req: PolicyRequest, stage: AuditDecision['stage']): Verdict {
    let decision = this.policy.decide(req);
    // Fail closed whatever the policy says: a check that could not run is never a pass.
    if (req.context.checkFailed === true && (decision.effect === 'allow' || decision.effect === 'redact')) {
      decision = {
        ...decision,
        effect: 'deny',
        applied: 'deny',
        reasons: [...decision.reasons, { message: 'a detector failed or timed out (fail closed)' }],
      };
    }
    const enforced =
      this.config.mode === 'enforce' &&
      decision.mode === 'enforce' &&
      (decision.applied ?? decision.effect) !== 'allow';
    state.decisions.push({
      stage,
      action: req.action,
      resource: req.resource.id,
      id: decision.id,
      effect: decision.effect,
      mode: this.config.mode === 'enforce' && decision.mode === 'enforce' ? 'enforce' : 'monitor',
      policyRevision: decision.policyRevision,
      reasons: decision.reasons.map((r) => r.message),
    });
    this.metrics.decisions.inc(
      `stage="${stage}",effect="${decision.effect}",mode="${enforced ? 'enforce' : 'monitor'}"`,
    );
    return { decision, enforced };
  }

  /** Runs the input checks over every slot; returns the policy verdict and applies redaction when decided. */
  inspectInput(
    state: RequestState,
    slots: TextSlot[],
    extra: { inputTokens: number; bodyBytes: number; action: 'use-model' | 'embed' },
  ): Verdict {
    const t0 = performance.now();
    const ctx: DetectionContext[] = [];
    const perSlot: (DetectionView[] | undefined)[] = [];
    let failed = false;
    if (this.config.checks.input.enabled) {
      for (const s of slots) {
        const text = s.holder[s.key as never] as string;
        const r = this.safeCheck(text, s.role, this.config.checks.input.onError);
        if (r.failed) failed = true;
        const dets =
          s.role === 'system' && this.config.checks.input.systemRole === 'data-only'
            ? r.detections.filter((d) => !INSTRUCTION_TYPES.has(d.type))
            : r.detections;
        perSlot.push(dets);
        for (const d of dets) {
          if (d.flagged || d.score >= 0.5) ctx.push(toCtx(d, s.role));
          if (d.flagged) state.detections.push(toAudit(d));
        }
      }
    }
    this.metrics.detectorLatency.observe('stage="input"', performance.now() - t0);
    const verdict = this.decide(
      state,
      {
        identity: state.identity,
        action: extra.action,
        resource: { kind: 'model', id: state.model },
        context: {
          route: state.route,
          model: state.model,
          detections: ctx,
          checkFailed: failed,
          inputTokens: extra.inputTokens,
          bodyBytes: extra.bodyBytes,
          ...(state.classification === undefined ? {} : { classification: state.classification }),
          ...(state.media === undefined ? {} : { media: state.media }),
        },
      },
      'input',
    );
    state.inputDetections = ctx;
    const ob = verdict.decision.obligations;
    state.restore = this.config.restoreRedactions && (ob?.restore ?? true);
    if (verdict.enforced && verdict.decision.effect === 'redact') {
      const types = ob === undefined || ob.redact.length === 0 ? REDACTABLE : new Set(ob.redact);
      for (let i = 0; i < slots.length; i++) {
        const dets = perSlot[i]?.filter((d) => d.flagged && types.has(d.type) && d.spans.length > 0);
        if (dets === undefined || dets.length === 0) continue;
        const s = slots[i]!;
        const r = this.checks.redact(s.holder[s.key as never] as string, dets, state.redactionMap);
        (s.holder as Record<string | number, unknown>)[s.key] = r.text;
        state.redactionMap = r.map;
        state.redacted = true;
      }
    }
    return verdict;
  }

  /**
   * Checks a complete model output. Returns the text to send, or a blocking decision. Input
   * placeholders are restored only when the output itself needed no redaction (so an output
   * placeholder can never be swapped for an input value).
   */
  checkOutput(state: RequestState, text: string): { text: string; blocked: PolicyVerdict | undefined } {
    if (!this.config.checks.output.enabled || text.length === 0)
      return { text: this.restore(state, text), blocked: undefined };
    const t0 = performance.now();
    const r = this.safeCheck(text, 'model-output', this.config.checks.output.onError);
    this.metrics.detectorLatency.observe('stage="output"', performance.now() - t0);
    return this.applyOutput(state, text, r.detections, r.failed);
  }

  applyOutput(
    state: RequestState,
    text: string,
    detections: DetectionView[],
    failed: boolean,
  ): { text: string; blocked: PolicyVerdict | undefined } {
    const flagged = detections.filter((d) => d.flagged);
    if (flagged.length === 0 && !failed) return { text: this.restore(state, text), blocked: undefined };
    for (const d of flagged) state.detections.push(toAudit(d));
    const v = this.decide(
      state,
      {
        identity: state.identity,
        action: 'emit-output',
        resource: { kind: 'model', id: state.model },
        context: {
          route: state.route,
          model: state.model,
          detections: flagged.map((d) => toCtx(d, 'model-output')),
          checkFailed: failed,
          ...(state.classification === undefined ? {} : { classification: state.classification }),
        },
      },
      'output',
    );
    if (!v.enforced) return { text: this.restore(state, text), blocked: undefined };
    const e = v.decision.effect;
    if (e === 'deny' || e === 'require-approval') return { text: '', blocked: v.decision };
    if (e === 'redact' && text.length > 0) {
      const ob = v.decision.obligations;
      const types = ob === undefined || ob.redact.length === 0 ? REDACTABLE : new Set(ob.redact);
      const dets = flagged.filter((d) => types.has(d.type) && d.spans.length > 0);
      if (dets.length > 0) {
        state.redacted = true;
        return { text: this.checks.redact(text, dets).text, blocked: undefined };
      }
    }
    return { text: this.restore(state, text), blocked: undefined };
  }

  restore(state: RequestState, text: string): string {
    if (state.redactionMap === undefined || !state.restore) return text;
    return this.checks.restore(text, state.redactionMap);
  }

  /**
   * Reviews one proposed tool call. require-approval holds it until a person answers or the
   * timeout passes (timeout = deny). Unparseable or oversize arguments are denied.
   */
  async reviewTool(state: RequestState, name: string, argsText: string): Promise<ToolReview> {
    let args: unknown;
    if (argsText.length > MAX_TOOL_ARGS)
      return { allowed: false, message: `tool call ${name}: arguments too large`, decision: undefined };
    try {
      args = argsText === '' ? {} : JSON.parse(argsText);
    } catch {
      return { allowed: false, message: `tool call ${name}: arguments are not valid JSON`, decision: undefined };
    }
    return this.reviewToolArgs(state, name, args, 'tool-call');
  }

  async reviewToolArgs(
    state: RequestState,
    name: string,
    args: unknown,
    stage: AuditDecision['stage'],
    server?: string,
  ): Promise<ToolReview> {
    // Calls the model proposes to the client, and the MCP proxy's tools/call (the agent's model wrote them too).
    const scan = stage === 'tool-call' || stage === 'mcp' ? this.scanToolArgs(args) : CLEAN_ARGS;
    // The leakage checks read what the model wrote: a placeholder is no leak, and the caller's own
    // value it stands for is not flagged once restored. What the client's tool would receive is
    // this request's placeholders restored (a call the client runs; not one a provider runs with the
    // arguments it holds: server set). Argument constraints and the approver judge those values, so
    // a placeholder can neither slip past a constraint nor fail one.
    const restored = stage === 'tool-call' && server === undefined ? this.restoreToolArgs(state, args) : undefined;
    const runs = restored ?? args;
    const v = this.decideToolCall(
      state,
      name,
      {
        detections: this.argsContext(state, scan),
        args: runs,
        ...(server ? { server } : {}),
        ...(scan.failed ? { checkFailed: true } : {}),
      },
      stage,
    );
    this.recordArgsScan(state, name, scan);
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
      return this.afterAllow(state, name, scan, d, v.enforced, restored);
    // require-approval
    if (this.approvals === undefined) {
      return {
        allowed: false,
        message: `tool call ${name} needs approval and no approval store is configured`,
        decision: d,
      };
    }
    const timeoutMs = v.decision.obligations?.approvalTimeoutMs ?? this.config.limits.approvalTimeoutMs;
    const id = await this.approvals.request({
      requestId: state.requestId,
      decisionId: v.decision.id,
      identity: state.identity,
      tool: name,
      argsPreview: this.previewArgs(runs),
      timeoutMs,
    });
    const outcome = await this.approvals.wait(id, timeoutMs, state.signal);
    const last = state.decisions[state.decisions.length - 1];
    if (last !== undefined) last.approval = { id, outcome };
    if (outcome === 'approved') return this.afterAllow(state, name, scan, d, true, restored);
    return { allowed: false, message: `tool call ${name} was not approved (${outcome}, approval ${id})`, decision: d };
  }

  /**
   * A copy of a proposed call's arguments with this request's input placeholders restored in their
   * string values; undefined when restore does not apply (no input redaction, a policy without the
   * restore obligation, restoreRedactions off) or there was nothing to restore.
   */
  restoreToolArgs(state: RequestState, args: unknown): unknown | undefined {
    const map = state.redactionMap;
    if (map === undefined || !state.restore) return undefined;
    return restoreArgs(args, (s) => this.checks.restore(s, map));
  }

  /**
   * Runs the output leakage checks over a proposed call's argument values (see tool-args-leak.ts).
   * Calls without arguments cost nothing.
   */
  scanToolArgs(args: unknown): ArgsScan {
    if (!this.config.checks.output.enabled) return CLEAN_ARGS;
    const layout = layoutArgs(args);
    const failClosed = this.config.checks.output.onError === 'deny';
    if (layout === undefined)
      return {
        layout,
        flagged: [],
        failed: failClosed,
        where: 'arguments too deeply nested or too many values to check',
      };
    if (layout.leaves.length === 0) return CLEAN_ARGS;
    const t0 = performance.now();
    const r = this.safeCheck(layout.text, 'model-output', this.config.checks.output.onError);
    this.metrics.detectorLatency.observe('stage="output"', performance.now() - t0);
    const flagged = r.detections.filter((d) => d.flagged && LEAK_TYPES.has(d.type));
    return { layout, flagged, failed: r.failed, where: flagged.length > 0 ? describeWhere(layout, flagged) : '' };
  }

  /** The call-tool context's detections: the turn's input detections and what the arguments leak. */
  argsContext(state: RequestState, scan: ArgsScan): DetectionContext[] {
    if (scan.flagged.length === 0) return state.inputDetections;
    return [...state.inputDetections, ...scan.flagged.map((d) => toCtx(d, 'model-output'))];
  }

  /** Audit: the detection types found in the arguments and, on the decision, where (paths only). */
  recordArgsScan(state: RequestState, name: string, scan: ArgsScan): void {
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
  redactToolArgs(
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
      if (!redactArgs(this.checks, scan.layout, dets)) return { ok: false };
    } catch {
      return { ok: false };
    }
    state.redacted = true;
    return { ok: true, args: scan.layout.root[0] };
  }

  private afterAllow(
    state: RequestState,
    name: string,
    scan: ArgsScan,
    d: PolicyVerdict,
    enforced: boolean,
    restored: unknown | undefined,
  ): ToolReview {
    const before = restored !== undefined && scan.layout !== undefined ? stringValues(scan.layout) : undefined;
    const r = this.redactToolArgs(state, scan, d, enforced);
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
          : restoreUntouched(scan.layout, before, (s) => this.checks.restore(s, map));
    return out === undefined
      ? { allowed: true, message: '', decision: d }
      : { allowed: true, message: '', decision: d, redactedArgs: out };
  }

  /** What an approver sees: the arguments with secrets and PII redacted, bounded in size. */
  private previewArgs(args: unknown): string {
    let s = JSON.stringify(args) ?? '';
    if (s.length > 4000) s = `${s.slice(0, 4000)}…`;
    try {
      const dets = this.checks.check(s, 'model-output').detections.filter((d) => REDACTABLE.has(d.type));
      return dets.length > 0 ? this.checks.redact(s, dets).text : s;
    } catch {
      return '[arguments withheld: redaction failed]';
    }
  }

  private safeCheck(
    text: string,
    role: TextRole,
    onError: 'deny' | 'allow',
  ): { detections: DetectionView[]; failed: boolean } {
    try {
      const r = this.checks.check(text, role);
      const failed = (r.errors.length > 0 || r.timedOut) && onError === 'deny';
      return { detections: r.detections, failed };
    } catch {
      return { detections: [], failed: onError === 'deny' };
    }
  }
}

function toCtx(d: DetectionView, role: TextRole): DetectionContext {
  return d.ruleId === undefined
    ? { type: d.type, score: d.score, flagged: d.flagged, role }
    : { type: d.type, score: d.score, flagged: d.flagged, role, ruleId: d.ruleId };
}

function toAudit(d: DetectionView): AuditRecord['detections'][number] {
  return d.ruleId === undefined
    ? { type: d.type, detector: d.detector, score: d.score, flagged: d.flagged }
    : { type: d.type, detector: d.detector, score: d.score, flagged: d.flagged, ruleId: d.ruleId };
}

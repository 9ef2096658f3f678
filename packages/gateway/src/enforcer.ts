// Applies policy to one request: the per-request state every check reads and records into, input
// inspection + the use-model decision, output text checks, and `decide`, which records every
// decision (any stage) in the request's audit trail and metrics. Shared by the non-streaming path,
// the stream guards and the MCP proxy, so the same request gets the same verdict whichever way the
// bytes travel. Proposed tool calls are reviewed in tool-call-review.ts.
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
import type { TextSlot } from './request-text-slots.js';

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

export interface Verdict {
  decision: PolicyVerdict;
  /** The effect is applied (enforce mode on both the policy and the gateway). */
  enforced: boolean;
}

export const REDACTABLE: ReadonlySet<string> = new Set(['pii', 'secret']);
const INSTRUCTION_TYPES = new Set(['prompt-injection', 'jailbreak']);

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

  /** Runs the checks on one text; a check that throws, errors or times out fails closed when `onError` is deny. */
  safeCheck(text: string, role: TextRole, onError: 'deny' | 'allow'): { detections: DetectionView[]; failed: boolean } {
    try {
      const r = this.checks.check(text, role);
      const failed = (r.errors.length > 0 || r.timedOut) && onError === 'deny';
      return { detections: r.detections, failed };
    } catch {
      return { detections: [], failed: onError === 'deny' };
    }
  }
}

export function toCtx(d: DetectionView, role: TextRole): DetectionContext {
  return d.ruleId === undefined
    ? { type: d.type, score: d.score, flagged: d.flagged, role }
    : { type: d.type, score: d.score, flagged: d.flagged, role, ruleId: d.ruleId };
}

export function toAudit(d: DetectionView): AuditRecord['detections'][number] {
  return d.ruleId === undefined
    ? { type: d.type, detector: d.detector, score: d.score, flagged: d.flagged }
    : { type: d.type, detector: d.detector, score: d.score, flagged: d.flagged, ruleId: d.ruleId };
}

// The MCP proxy's check on text a server hands the agent: tool results, resources/read contents,
// prompts/get messages, completion values, and the messages of the server's own sampling and
// elicitation requests. Each text is checked according to its role (mcp-content.ts):
// - documents (`tool-result`: what a tool or resource returns) pass the detector pipeline: indirect
//   injection, jailbreak, secrets, PII, system-prompt leak and canaries;
// - instructions by design (`user`: prompt and sampling messages, completion values, elicitation
//   text) pass the tool-definition check that tool descriptions get (hidden orders, credential reads,
//   concealment, shadowing, invisible characters; the injection pipeline corroborates, never flags
//   alone), because the injection classifier flags ordinary prompt text ("Please analyze the
//   following resource:"), and the pipeline for everything but injection and jailbreak (secrets, PII).
// Flagged detections go to policy as a `call-tool` decision: on the tool for a tool result, on the
// MCP method (`resources/read`, `prompts/get`, `completion/complete`, `sampling/createMessage`,
// `elicitation/create`) for the rest, so `detectors:` entries and Cedar policies on
// `context.detections` apply to all of them the same way. An injection or jailbreak in a document,
// and instruction text judged malicious, are withheld whatever policy says (that is the attack); a
// check that errors, times out or cannot read the text whole fails closed (checks.input.onError: deny,
// the default). Monitor mode records and withholds nothing.
import type { ToolCheckResult } from '@rampart/detectors';
import type { Enforcer, RequestState } from '../enforcer.js';
import type { CheckResult, DetectionContext } from '../ports.js';
import type { RoleText } from './mcp-content.js';
import { TOOL_CHECK_DETECTOR } from './mcp-listing-review.js';

export interface ContentSubject {
  /** What the text is, for messages: "tool add result", "resource file:///a", "prompt greet". */
  what: string;
  /** The tool (or MCP method) policy is asked about. */
  policyTool: string;
  /** Not a call: a rate limit is looked at, not counted. */
  dryRun: boolean;
}

/** The tool-definition check on instruction text (ListingReview.checkInstructions). */
export type InstructionCheck = (name: string, text: string) => ToolCheckResult;

const INSTRUCTION = new Set(['prompt-injection', 'jailbreak']);

interface Found {
  detections: DetectionContext[];
  failed: boolean;
  /** Withheld whatever policy says. */
  attack: boolean;
}

/** Why the texts must be withheld (enforce mode), or undefined. Decisions and detections go to `state`. */
export function reviewContent(
  enforcer: Enforcer,
  state: RequestState,
  server: string,
  texts: readonly RoleText[],
  subject: ContentSubject,
  instructions: InstructionCheck,
): string | undefined {
  for (const t of texts) {
    const f = detect(enforcer, state, t, subject, instructions);
    if (f.detections.length === 0 && !f.failed) continue;
    const v = enforcer.decideToolCall(
      state,
      subject.policyTool,
      {
        route: `mcp:${server}`,
        detections: f.detections,
        checkFailed: f.failed,
        server,
        ...(subject.dryRun ? { dryRun: true } : {}),
      },
      'mcp',
    );
    state.decisions[state.decisions.length - 1]?.reasons.push(`in the ${subject.what}`);
    if (enforcer.config.mode === 'enforce' && (v.enforced || f.attack) && v.decision.effect !== 'redact')
      return `${subject.what} withheld by Rampart: ${[...new Set(f.detections.map((d) => d.type))].join(', ') || 'check failed'}`;
  }
  return undefined;
}

function detect(
  enforcer: Enforcer,
  state: RequestState,
  { text, role }: RoleText,
  subject: ContentSubject,
  instructions: InstructionCheck,
): Found {
  const out: Found = { detections: [], failed: false, attack: false };
  const denyOnError = enforcer.config.checks.input.onError === 'deny';
  let r: CheckResult;
  try {
    r = enforcer.checks.check(text, role);
    out.failed = (r.errors.length > 0 || r.timedOut) && denyOnError;
  } catch {
    r = { flagged: true, detections: [], errors: [], timedOut: false, elapsedMs: 0 };
    out.failed = denyOnError;
  }
  const document = role === 'tool-result' || role === 'retrieved-document';
  for (const d of r.detections) {
    if (!d.flagged || (!document && INSTRUCTION.has(d.type))) continue;
    state.detections.push({ type: d.type, detector: d.detector, score: d.score, flagged: true });
    out.detections.push({ type: d.type, score: d.score, flagged: true, role });
    if (INSTRUCTION.has(d.type)) out.attack = true;
  }
  if (document) return out;
  // Named by the method, not by the server-chosen item name (the listing already read that).
  const c = instructions(subject.policyTool, text);
  if (c.verdict === 'inconclusive' && denyOnError) out.failed = true;
  if (c.verdict === 'malicious') out.attack = true;
  for (const h of c.rules) {
    const score = h.score === undefined ? 1 : Math.min(1, Math.max(0, h.score / 6));
    state.detections.push({ type: h.ruleId, detector: TOOL_CHECK_DETECTOR, score, flagged: true, ruleId: h.ruleId });
    out.detections.push({ type: h.ruleId, score, flagged: true, role, ruleId: h.ruleId });
  }
  return out;
}

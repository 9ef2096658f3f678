// What the client's model answers to a server's sampling/createMessage request goes to the server:
// model output leaving the agent, as tool-call arguments do. A malicious server can ask for a
// completion "with the context above" and read the agent's secrets in the answer. The answer's text
// passes the output leakage checks (secrets, PII, system-prompt leak and canaries, as for tool-call
// arguments); flagged detections go to a dry-run `call-tool` decision on `sampling/createMessage`
// with role `model-output`, so the `detectors:` deny entries refuse it. A check that errors or times
// out fails closed (checks.output.onError: deny, the default). Monitor mode withholds nothing.
import type { Enforcer, RequestState } from '../enforcer.js';
import type { CheckResult, DetectionContext } from '../ports.js';
import { LEAK_TYPES } from '../tool-args-leak.js';

type Msg = Record<string, unknown>;
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The text of a sampling answer: its content block(s); anything but text or media is read as JSON. */
export function samplingResultTexts(result: Msg): string[] {
  const blocks = Array.isArray(result.content) ? result.content : [result.content];
  const out: string[] = [];
  for (const b of blocks.slice(0, 1024)) {
    if (!isObj(b)) continue;
    if (b.type === 'text') {
      if (typeof b.text === 'string') out.push(b.text);
    } else if (b.type !== 'image' && b.type !== 'audio') out.push(JSON.stringify(b));
  }
  if (blocks.length > 1024) out.push(JSON.stringify(blocks.slice(1024)));
  return out;
}

/** Why the answer must not reach the server (enforce mode), or undefined. */
export function reviewSamplingResult(
  enforcer: Enforcer,
  state: RequestState,
  server: string,
  result: Msg,
): string | undefined {
  const denyOnError = enforcer.config.checks.output.onError === 'deny';
  for (const text of samplingResultTexts(result)) {
    let r: CheckResult;
    let failed = false;
    try {
      r = enforcer.checks.check(text, 'model-output');
      failed = (r.errors.length > 0 || r.timedOut) && denyOnError;
    } catch {
      r = { flagged: true, detections: [], errors: [], timedOut: false, elapsedMs: 0 };
      failed = denyOnError;
    }
    const flagged = r.detections.filter((d) => d.flagged && LEAK_TYPES.has(d.type));
    if (flagged.length === 0 && !failed) continue;
    const detections: DetectionContext[] = [];
    for (const d of flagged) {
      state.detections.push({ type: d.type, detector: d.detector, score: d.score, flagged: true });
      detections.push({ type: d.type, score: d.score, flagged: true, role: 'model-output' });
    }
    const v = enforcer.decideToolCall(
      state,
      'sampling/createMessage',
      { route: `mcp:${server}`, detections, checkFailed: failed, server, dryRun: true },
      'mcp',
    );
    state.decisions[state.decisions.length - 1]?.reasons.push('in the client model answer to a sampling request');
    if (enforcer.config.mode === 'enforce' && v.enforced && v.decision.effect !== 'redact')
      return `sampling answer withheld from the server by Rampart: ${flagged.map((d) => d.type).join(', ') || 'check failed'}`;
  }
  return undefined;
}

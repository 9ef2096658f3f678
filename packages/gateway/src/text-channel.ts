// One streamed text (a choice, a content block, an output part): incremental leakage scanning with
// the detectors' hold-back scanner, policy on what it finds, and restore of input placeholders with
// a small carry so a placeholder split across chunks is restored whole. Text other than the main
// text (reasoning, refusals: output-parts.ts) is never restored; signed text (a thinking block) is
// never rewritten: a redaction stops the stream instead.
import type { Enforcer, RequestState } from './enforcer.js';
import { checkWithoutRestore, type OutMode, signedDeny } from './output-parts.js';
import type { PolicyVerdict, StreamScanner } from './ports.js';

/** Thrown inside a guard when policy stops the stream. */
export class StreamBlocked extends Error {
  constructor(
    readonly decision: PolicyVerdict | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'StreamBlocked';
  }
}

// Placeholders look like "[EMAIL_1]": a "[" with no "]" after it in the last 40 chars may be one.
const MAX_PLACEHOLDER = 40;

export class TextChannel {
  private readonly scanning: boolean;
  /** Made on the first text, so chunks without text (the role chunk) never wait for it. */
  private scanner: StreamScanner | undefined;
  /** Once anything was flagged, every later release is re-checked on its own. */
  private sticky = false;
  private carry = '';
  /** Everything released to the client so far (for "done" events that repeat the whole text). */
  emitted = '';

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
    private readonly keepEmitted: boolean,
    /** undefined: the main text (redacted, input placeholders restored); else output-parts.ts's modes. */
    private readonly mode?: { mode: OutMode; where: string },
  ) {
    this.scanning = enforcer.config.checks.output.enabled;
  }

  push(delta: string): string {
    if (!this.scanning) return this.out(delta, false);
    let r: ReturnType<StreamScanner['push']>;
    try {
      this.scanner ??= this.enforcer.checks.streamScanner('model-output');
      r = this.scanner.push(delta);
    } catch {
      return this.failed(delta);
    }
    return this.release(r.safeText, r.detections);
  }

  end(): string {
    // No scanner yet: no text was pushed, so there is nothing held back to scan.
    if (this.scanner === undefined) return this.out('', true);
    let r: ReturnType<StreamScanner['end']>;
    try {
      r = this.scanner.end();
    } catch {
      return this.failed('');
    }
    const t = this.release(r.safeText, r.detections);
    return t + this.out('', true);
  }

  /** The scanner threw: deny unless this check is configured onError: allow (then pass unscanned). */
  private failed(delta: string): string {
    const failClosed = this.enforcer.config.checks.output.onError === 'deny';
    const o = this.enforcer.applyOutput(this.state, '', [], failClosed);
    if (o.blocked) throw new StreamBlocked(o.blocked, 'output check failed (fail closed)');
    return this.out(delta, false);
  }

  private release(text: string, detections: { flagged: boolean }[]): string {
    const safe = text;
    let flagged = false;
    for (const d of detections) if (d.flagged) flagged = true;
    if (flagged) {
      this.sticky = true;
      // Decide on what the scanner saw (it may still be held back): a deny stops the stream
      // before the offending text is released.
      const o = this.enforcer.applyOutput(this.state, '', detections as never, false);
      if (o.blocked) throw new StreamBlocked(o.blocked, 'output blocked by policy');
    }
    if (this.sticky && safe.length > 0) {
      const o =
        this.mode === undefined
          ? this.enforcer.checkOutput(this.state, safe)
          : checkWithoutRestore(this.enforcer, this.state, safe);
      if (o.blocked) throw new StreamBlocked(o.blocked, 'output blocked by policy');
      if (this.mode?.mode === 'signed' && o.text !== safe) {
        const d = signedDeny(this.enforcer, this.state, this.mode.where);
        if (d !== undefined) throw new StreamBlocked(d, 'output blocked: signed text cannot be redacted');
        return this.record(safe);
      }
      // checkOutput already restored placeholders when it redacted nothing.
      return this.record(o.text);
    }
    return this.out(safe, false);
  }

  /** Restores input placeholders, holding back a possible partial one. */
  private out(text: string, final: boolean): string {
    if (this.state.redactionMap === undefined || !this.state.restore || this.mode !== undefined)
      return this.record(text);
    let t = this.carry + text;
    this.carry = '';
    if (!final) {
      const open = t.lastIndexOf('[');
      if (open !== -1 && t.indexOf(']', open) === -1 && t.length - open < MAX_PLACEHOLDER) {
        this.carry = t.slice(open);
        t = t.slice(0, open);
      }
    }
    return this.record(t.length === 0 ? t : this.enforcer.restore(this.state, t));
  }

  private record(t: string): string {
    if (this.keepEmitted) this.emitted += t;
    return t;
  }
}

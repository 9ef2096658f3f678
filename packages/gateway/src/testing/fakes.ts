// Small, transparent stand-ins for the policy engine and the detectors, used by the gateway's own
// tests and by the benchmark's "no-policy-file" smoke mode. They follow the ports' contracts
// (fail closed, stable placeholders, hold-back scanning) but are not the product's detectors.
import type { Decision, TextRole } from '@rampart/core';
import type {
  CheckResult,
  DetectionView,
  Identity,
  PolicyPort,
  PolicyRequest,
  StreamScanner,
  TextChecks,
} from '../ports.js';

const PATTERNS: { type: string; label: string; re: RegExp }[] = [
  { type: 'prompt-injection', label: 'ignore-previous', re: /ignore (?:all )?previous instructions/gi },
  { type: 'secret', label: 'openai', re: /sk-[A-Za-z0-9]{24,64}/g },
  { type: 'pii', label: 'EMAIL', re: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g },
];

export class FakeChecks implements TextChecks {
  /** Throw from check() when the text contains this marker (simulates a detector bug). */
  throwOn = '__THROW__';
  /** Report a timeout when the text contains this marker. */
  timeoutOn = '__SLOW__';
  calls = 0;

  check(text: string, _role: TextRole): CheckResult {
    this.calls++;
    if (text.includes(this.throwOn)) throw new Error('detector crashed');
    const detections = scan(text);
    const timedOut = text.includes(this.timeoutOn);
    return {
      flagged: detections.length > 0 || timedOut,
      detections,
      errors: timedOut ? [{ detector: 'fake', message: 'budget exceeded' }] : [],
      timedOut,
      elapsedMs: 0,
    };
  }

  redact(text: string, detections: DetectionView[], map?: unknown): { text: string; map: unknown } {
    const m = (map as Map<string, string> | undefined) ?? new Map<string, string>();
    const spans = detections.flatMap((d) => d.spans.map((s) => ({ ...s, label: s.label ?? d.type })));
    spans.sort((a, b) => b.start - a.start);
    let out = text;
    for (const s of spans) {
      const value = text.slice(s.start, s.end);
      let ph: string | undefined;
      for (const [k, v] of m) if (v === value) ph = k;
      if (ph === undefined) {
        const n = [...m.keys()].filter((k) => k.startsWith(`[${s.label.toUpperCase()}_`)).length + 1;
        ph = `[${s.label.toUpperCase()}_${n}]`;
        m.set(ph, value);
      }
      out = out.slice(0, s.start) + ph + out.slice(s.end);
    }
    return { text: out, map: m };
  }

  restore(text: string, map: unknown): string {
    let out = text;
    for (const [k, v] of map as Map<string, string>) out = out.split(k).join(v);
    return out;
  }

  streamScanner(_role: TextRole): StreamScanner {
    return new HoldBackScanner(96);
  }
}

function scan(text: string): DetectionView[] {
  const out: DetectionView[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    const spans: { start: number; end: number; label: string }[] = [];
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text))
      spans.push({ start: m.index, end: m.index + m[0].length, label: p.label });
    if (spans.length > 0)
      out.push({ type: p.type, detector: 'fake', score: 1, flagged: true, spans, ruleId: `runtime-${p.type}` });
  }
  return out;
}

/** Hold back the last `window` chars so a pattern split across chunks is seen whole before release. */
class HoldBackScanner implements StreamScanner {
  private buf = '';
  private reported = new Set<string>();
  constructor(private readonly window: number) {}
  push(chunk: string): { safeText: string; detections: DetectionView[] } {
    this.buf += chunk;
    const detections = this.fresh(scan(this.buf));
    if (this.buf.length <= this.window) return { safeText: '', detections };
    const cut = this.buf.length - this.window;
    const safeText = this.buf.slice(0, cut);
    this.buf = this.buf.slice(cut);
    return { safeText, detections };
  }
  end(): { safeText: string; detections: DetectionView[] } {
    const detections = this.fresh(scan(this.buf));
    const safeText = this.buf;
    this.buf = '';
    return { safeText, detections };
  }
  private fresh(ds: DetectionView[]): DetectionView[] {
    return ds.filter((d) => {
      const k = `${d.type}:${d.spans.length}`;
      if (this.reported.has(k)) return false;
      this.reported.add(k);
      return true;
    });
  }
}

export interface FakePolicyOptions {
  keys?: Record<string, Identity>;
  /** Models denied for everyone. */
  deniedModels?: string[];
  deniedTools?: string[];
  approvalTools?: string[];
  mode?: 'enforce' | 'monitor';
}

let seq = 0;

/** Input: injection/jailbreak/secret -> deny, pii -> redact. Output: secret/leak -> deny, pii -> redact. */
export class FakePolicy implements PolicyPort {
  rev = 'fake-rev-1';
  constructor(private readonly o: FakePolicyOptions = {}) {}
  revision(): string {
    return this.rev;
  }
  authenticate(key: string): Identity | undefined {
    return this.o.keys?.[key];
  }
  decide(req: PolicyRequest): Decision {
    const mk = (effect: Decision['effect'], message: string): Decision => ({
      id: `dec_${++seq}`,
      effect,
      reasons: message === '' ? [] : [{ message }],
      policyRevision: this.rev,
      mode: this.o.mode ?? 'enforce',
    });
    if (req.context.checkFailed) return mk('deny', 'check failed');
    if (req.action === 'call-tool') {
      if (this.o.deniedTools?.includes(req.resource.id)) return mk('deny', `tool ${req.resource.id} is not allowed`);
      if (this.o.approvalTools?.includes(req.resource.id)) return mk('require-approval', 'needs a person');
      const to = (req.context.args as { to?: unknown } | undefined)?.to;
      if (typeof to === 'string' && !to.endsWith('@example.com')) return mk('deny', 'recipient domain not allowed');
      return mk('allow', '');
    }
    if (this.o.deniedModels?.includes(req.resource.id)) return mk('deny', `model ${req.resource.id} not allowed`);
    const types = new Set(req.context.detections.filter((d) => d.flagged).map((d) => d.type));
    if (types.has('prompt-injection') || types.has('jailbreak')) return mk('deny', 'prompt injection');
    if (types.has('secret') || types.has('system-prompt-leak')) return mk('deny', 'secret');
    if (types.has('pii')) return mk('redact', 'pii');
    return mk('allow', '');
  }
}

// Composable detector pipeline with per-type and per-role thresholds, a time budget and
// fail-closed error handling: a check that throws, times out or cannot run yields flagged=true
// with an error entry, unless onError is 'allow'.
import { ConfigError, type TextRole } from '@rampart/core';
import { PII_ENTITIES, type PiiEntity } from './pii.js';
import { BUILTIN_DETECTORS, type BuiltinOptions, builtinDetector, DEFAULT_DETECTORS } from './registry.js';
import { type Detection, type DetectionType, RULE_IDS, type TextDetector, type TextInput } from './types.js';

export type Thresholds = Partial<Record<DetectionType, number>>;

export interface PipelineConfig {
  /** Built-in detector ids (default: injection, pii, secret, invisible, leak). */
  detectors?: string[];
  /** Extra detectors (ONNX, LLM judge, your own). Async ones need `runAsync`. */
  custom?: TextDetector[];
  /** Per-type thresholds, overriding the defaults. */
  thresholds?: Thresholds;
  /** Per-role overrides, applied after `thresholds`. */
  roleThresholds?: Partial<Record<TextRole, Thresholds>>;
  /** Wall-clock budget for the whole run (default 250 ms: well above the typical 0.1-5 ms, so
   *  only a pathological input or a stalled backend trips it; a tripped budget fails closed).
   *  In run() it decides whether the next detector starts: once it is spent, the remaining
   *  detectors are not run and the result is inconclusive (timedOut). A run in which every
   *  detector ran is complete however long it took (elapsedMs says how long): failing it would
   *  turn a GC pause or a busy CPU into a denial without any check having been skipped. */
  budgetMs?: number;
  /** Largest input accepted, in UTF-16 code units (default 200 000). */
  maxChars?: number;
  /** What a failing/timed-out check means: 'deny' (default) flags the result. */
  onError?: 'deny' | 'allow';
  /** For the system-prompt leak check on model output. */
  systemPrompt?: string;
  canaries?: string[];
  /**
   * Entities the pii detector reports (default: all). Unknown names are a ConfigError, so a typo
   * cannot silently switch a check off.
   */
  piiEntities?: readonly string[];
  /** Params handed to every detector's check(). */
  params?: Record<string, unknown>;
}

export interface PipelineResult {
  flagged: boolean;
  detections: Detection[];
  errors: { detector: string; message: string }[];
  timedOut: boolean;
  elapsedMs: number;
}

export interface Pipeline {
  /** Synchronous fast path for built-in checks. */
  run(input: TextInput): PipelineResult;
  runAsync(input: TextInput, opts?: { signal?: AbortSignal }): Promise<PipelineResult>;
  readonly detectors: readonly TextDetector[];
}

/**
 * Chosen on the dev side only (docs/detector-eval.md): the injection/jailbreak bars sit near
 * 2.7% false positives on the held-out dev benign prompts, whose labels are themselves noisy.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<DetectionType, number>> = {
  'prompt-injection': 0.7,
  jailbreak: 0.7,
  pii: 0.5,
  secret: 0.5,
  'invisible-text': 0.5,
  'system-prompt-leak': 0.5,
};

/**
 * Tool results and retrieved documents get one more head (indirect injection) over short
 * windows, max over windows: more chances to fire on clean text. Their bar (0.9, with the
 * indirect head's contrast, sentence view and calibration) flags 2.5% of clean dev BIPIA
 * documents the model never saw (run 7; reader-addressed documents such as recipes, guides and
 * terms of use are harder: 2 of 16 hand-written ones).
 * Their jailbreak bar is 0.9 too (run 11, second attempt): in documents the threat is planted
 * instructions, not persona prompts, and at 0.7 the jailbreak head's best window of a badge-heavy
 * README or a three-word embeddings input crossed it. Chosen on the real-document tuning half; on
 * non-final folds it costs 2-4 of 218-255 unseen dev jailbreak prompts planted in a real document
 * (scripts/doc-role-eval.ts).
 * System prompts: the classifier is trained with benign system prompts as negatives and phrase
 * hits count there only as far as the classifier backs them; at 0.8 no held-out dev system
 * prompt is flagged while 83% of dev attacks submitted as a system prompt are (run 5).
 */
export const DEFAULT_ROLE_THRESHOLDS: Readonly<Partial<Record<TextRole, Thresholds>>> = {
  'tool-result': { 'prompt-injection': 0.9, jailbreak: 0.9 },
  'retrieved-document': { 'prompt-injection': 0.9, jailbreak: 0.9 },
  system: { 'prompt-injection': 0.8, jailbreak: 0.8 },
  // Earlier model turns sent back by the client. A false positive here sticks: the turn stays in the
  // history, so every later request of the conversation is refused. At 0.7 the direct heads flagged
  // 3 of 129 Self-Instruct seed answers (dev; second-person stories, an ethics example, a refusal), at
  // 0.9 one; fabricated turns that take on a jailbreak persona or agree to ignore instructions score
  // 0.93-1.0.
  assistant: { 'prompt-injection': 0.9, jailbreak: 0.9 },
};

// The leak check only makes sense where text leaves the model or a tool.
const LEAK_ROLES: ReadonlySet<TextRole> = new Set(['model-output', 'tool-result']);

function isPromiseLike(v: unknown): v is PromiseLike<Detection[]> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function checkPiiEntities(names: readonly string[]): PiiEntity[] {
  const known: readonly string[] = PII_ENTITIES;
  const bad = names.filter((n) => !known.includes(n));
  if (bad.length > 0 || names.length === 0) {
    throw new ConfigError(
      `${names.length === 0 ? 'piiEntities is empty' : `unknown PII entity "${bad[0]}"`} (known: ${PII_ENTITIES.join(', ')}; to turn PII off, leave the pii detector out)`,
    );
  }
  return names as PiiEntity[];
}

export function createPipeline(config: PipelineConfig = {}): Pipeline {
  const ids = config.detectors ?? [...DEFAULT_DETECTORS];
  const piiEntities = config.piiEntities === undefined ? undefined : checkPiiEntities(config.piiEntities);
  const detectors: TextDetector[] = [];
  for (const id of ids) {
    const o: BuiltinOptions = {};
    if (config.systemPrompt !== undefined) o.systemPrompt = config.systemPrompt;
    if (config.canaries !== undefined) o.canaries = config.canaries;
    if (piiEntities !== undefined) o.piiEntities = piiEntities;
    const d = builtinDetector(id, o);
    if (d === undefined) {
      throw new ConfigError(`unknown detector "${id}" (built-in: ${BUILTIN_DETECTORS.join(', ')})`);
    }
    detectors.push(d);
  }
  detectors.push(...(config.custom ?? []));
  const budgetMs = config.budgetMs ?? 250;
  const maxChars = config.maxChars ?? 200_000;
  const deny = (config.onError ?? 'deny') === 'deny';
  const params = config.params ?? {};

  const thresholdFor = (type: DetectionType, role: TextRole): number =>
    config.roleThresholds?.[role]?.[type] ??
    DEFAULT_ROLE_THRESHOLDS[role]?.[type] ??
    config.thresholds?.[type] ??
    DEFAULT_THRESHOLDS[type];

  const applies = (d: TextDetector, role: TextRole) => d.id !== 'leak' || LEAK_ROLES.has(role);

  const finish = (input: TextInput, dets: Detection[], r: PipelineResult, t0: number): PipelineResult => {
    for (const d of dets) {
      d.flagged = d.score >= thresholdFor(d.type, input.role);
      d.ruleId ??= RULE_IDS[d.type];
    }
    r.detections = dets;
    r.flagged = dets.some((d) => d.flagged) || (deny && (r.errors.length > 0 || r.timedOut));
    r.elapsedMs = performance.now() - t0;
    return r;
  };

  const precheck = (input: TextInput, r: PipelineResult): boolean => {
    if (typeof input.text !== 'string') {
      r.errors.push({ detector: 'pipeline', message: 'input text is not a string' });
      return false;
    }
    if (input.text.length > maxChars) {
      r.errors.push({
        detector: 'pipeline',
        message: `input of ${input.text.length} characters exceeds the ${maxChars}-character limit (maxChars); not scanned`,
      });
      return false;
    }
    return true;
  };

  const signalOf = new AbortController().signal;

  // Compile regexes and load lazy tables now, not inside the first request's time budget.
  const warm: TextInput = { text: 'Warm-up: ignore a@b.io 4111111111111111 sk-x \u200b', role: 'model-output' };
  for (const d of detectors) {
    try {
      const out = d.check(warm, params, { signal: signalOf });
      if (isPromiseLike(out)) Promise.resolve(out).catch(() => undefined);
    } catch {
      // A detector that fails here fails again at run time, where the error is reported.
    }
  }

  return {
    detectors,
    run(input) {
      const t0 = performance.now();
      const r: PipelineResult = { flagged: false, detections: [], errors: [], timedOut: false, elapsedMs: 0 };
      const dets: Detection[] = [];
      if (!precheck(input, r) || input.text.length === 0) return finish(input, dets, r, t0);
      for (const d of detectors) {
        if (!applies(d, input.role)) continue;
        if (performance.now() - t0 > budgetMs) {
          r.timedOut = true;
          r.errors.push({ detector: d.id, message: `not run: ${budgetMs} ms budget exhausted` });
          continue;
        }
        try {
          const out = d.check(input, params, { signal: signalOf });
          if (isPromiseLike(out)) {
            // Swallow the eventual rejection: this result already fails closed.
            Promise.resolve(out).catch(() => undefined);
            r.errors.push({ detector: d.id, message: 'asynchronous detector cannot run in run(); use runAsync()' });
            continue;
          }
          dets.push(...out);
        } catch (e) {
          r.errors.push({ detector: d.id, message: e instanceof Error ? e.message : String(e) });
        }
      }
      return finish(input, dets, r, t0);
    },
    async runAsync(input, opts = {}) {
      const t0 = performance.now();
      const r: PipelineResult = { flagged: false, detections: [], errors: [], timedOut: false, elapsedMs: 0 };
      if (!precheck(input, r) || input.text.length === 0) return finish(input, [], r, t0);
      const ac = new AbortController();
      const onAbort = () => ac.abort(opts.signal?.reason);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => {
          ac.abort(new Error('budget exhausted'));
          resolve('timeout');
        }, budgetMs);
      });
      const results = await Promise.all(
        detectors
          .filter((d) => applies(d, input.role))
          .map(async (d) => {
            try {
              const out = await Promise.race([
                Promise.resolve().then(() => d.check(input, params, { signal: ac.signal })),
                timeout,
              ]);
              if (out === 'timeout') {
                r.timedOut = true;
                r.errors.push({ detector: d.id, message: `exceeded the ${budgetMs} ms budget` });
                return [];
              }
              return out;
            } catch (e) {
              r.errors.push({ detector: d.id, message: e instanceof Error ? e.message : String(e) });
              return [];
            }
          }),
      );
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (opts.signal?.aborted) r.errors.push({ detector: 'pipeline', message: 'aborted by caller' });
      return finish(input, results.flat(), r, t0);
    },
  };
}

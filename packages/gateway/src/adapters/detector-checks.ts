// Binds the gateway's TextChecks port to @rampart/detectors: one precompiled pipeline per process,
// stream scanners with the configured hold-back, and the detectors' own placeholder redaction.
// Input texts repeat (the same system prompt on every request, the whole chat history on every
// turn), so clean input results are remembered by content hash; see InputResultCache.
import type { TextRole } from '@rampart/core';
import {
  createPipeline,
  createStreamScanner,
  type Detection,
  emptyRedactionMap,
  type PipelineConfig,
  type RedactionMap,
  redact,
  restore,
} from '@rampart/detectors';
import { DEFAULT_OUTPUT_DETECTORS, type GatewayConfig } from '../config.js';
import type { CheckResult, DetectionView, StreamScanner, TextChecks } from '../ports.js';
import { sha256 } from '../sha256.js';

export function detectorChecks(config: GatewayConfig, extra: PipelineConfig = {}): TextChecks {
  const base: PipelineConfig = {
    budgetMs: config.checks.input.budgetMs,
    onError: config.checks.input.onError,
    canaries: config.canaries,
    ...(config.systemPrompt === undefined ? {} : { systemPrompt: config.systemPrompt }),
    ...extra,
  };
  const input = createPipeline({
    ...base,
    ...(config.checks.input.detectors === undefined ? {} : { detectors: config.checks.input.detectors }),
    ...(config.checks.input.piiEntities === undefined ? {} : { piiEntities: config.checks.input.piiEntities }),
  });
  const outputCfg: PipelineConfig = {
    ...base,
    budgetMs: config.checks.output.budgetMs,
    onError: config.checks.output.onError,
    detectors: [...(config.checks.output.detectors ?? extra.detectors ?? DEFAULT_OUTPUT_DETECTORS)],
    ...(config.checks.output.piiEntities === undefined ? {} : { piiEntities: config.checks.output.piiEntities }),
  };
  const output = createPipeline(outputCfg);
  const holdBack = config.limits.holdBackChars;
  const cache = new InputResultCache();
  return {
    check(text: string, role: TextRole): CheckResult {
      if (role === 'model-output') return output.run({ text, role });
      return cache.check(text, role, () => input.run({ text, role }));
    },
    redact(text: string, detections: DetectionView[], map?: unknown) {
      return redact(text, detections as Detection[], (map as RedactionMap | undefined) ?? emptyRedactionMap());
    },
    restore(text: string, map: unknown): string {
      return restore(text, map as RedactionMap);
    },
    streamScanner(role: TextRole): StreamScanner {
      // The gateway applies policy (deny / redact / restore) itself, so the scanner releases raw text.
      // One shared output pipeline: building one per stream would run its warm-up before the first byte.
      return createStreamScanner({ ...outputCfg, role, holdBack, redact: false, pipeline: output });
    },
  };
}

/**
 * Remembers input-check results by sha256(role, text). Detectors are pure functions of their input
 * (the TextDetector contract) and the pipeline is fixed for the life of the process, so the same
 * text in the same role always yields the same result. Only complete runs are kept: a result with
 * errors or a time-out is never remembered (it is recomputed, and fails closed again if it must).
 * The key is a hash, not the text, and a result holds offsets and detector metadata only, so no
 * prompt is held beyond its request. Model output is never cached: it rarely repeats, and a
 * benchmark of identical answers would only measure this cache.
 */
export class InputResultCache {
  private readonly entries = new Map<string, CheckResult>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 4096,
    /** Longer texts are checked every time (hashing them is cheap; holding many large keys is not worth it). */
    private readonly maxChars = 64 * 1024,
  ) {}

  check(text: string, role: TextRole, run: () => CheckResult): CheckResult {
    // A lone surrogate is hashed as U+FFFD (UTF-8), so such a text would share its key with a
    // different, well-formed text: it is checked every time instead.
    if (text.length > this.maxChars || !isWellFormed(text)) return run();
    const key = sha256(`${role}\u0000${text}`, 'base64');
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.hits++;
      // LRU: move to the back.
      this.entries.delete(key);
      this.entries.set(key, hit);
      // Callers may filter or extend the arrays they get; the stored result stays as it was.
      return { ...hit, detections: hit.detections.slice(), errors: [] };
    }
    this.misses++;
    const r = run();
    if (r.errors.length === 0 && !r.timedOut) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, { ...r, detections: r.detections.slice(), errors: [] });
    }
    return r;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (String.prototype as { isWellFormed?: () => boolean }).isWellFormed;

function isWellFormed(text: string): boolean {
  return wellFormed !== undefined ? wellFormed.call(text) : !LONE_SURROGATE.test(text);
}

// Binds the gateway's TextChecks port to @rampart/detectors: one precompiled pipeline per process,
// stream scanners with the configured hold-back, and the detectors' own placeholder redaction.
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
import type { GatewayConfig } from '../config.js';
import type { CheckResult, DetectionView, StreamScanner, TextChecks } from '../ports.js';

export function detectorChecks(config: GatewayConfig, extra: PipelineConfig = {}): TextChecks {
  const base: PipelineConfig = {
    budgetMs: config.checks.input.budgetMs,
    onError: config.checks.input.onError,
    canaries: config.canaries,
    ...(config.systemPrompt === undefined ? {} : { systemPrompt: config.systemPrompt }),
    ...extra,
  };
  const input = createPipeline(base);
  const outputCfg: PipelineConfig = {
    ...base,
    budgetMs: config.checks.output.budgetMs,
    onError: config.checks.output.onError,
  };
  const output = createPipeline(outputCfg);
  const holdBack = config.limits.holdBackChars;
  return {
    check(text: string, role: TextRole): CheckResult {
      return (role === 'model-output' ? output : input).run({ text, role });
    },
    redact(text: string, detections: DetectionView[], map?: unknown) {
      return redact(text, detections as Detection[], (map as RedactionMap | undefined) ?? emptyRedactionMap());
    },
    restore(text: string, map: unknown): string {
      return restore(text, map as RedactionMap);
    },
    streamScanner(role: TextRole): StreamScanner {
      // The gateway applies policy (deny / redact / restore) itself, so the scanner releases raw text.
      return createStreamScanner({ ...outputCfg, role, holdBack, redact: false });
    },
  };
}

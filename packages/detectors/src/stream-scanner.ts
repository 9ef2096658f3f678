// Output checks on streamed text. Text is released only once it is `holdBack` characters behind
// the newest chunk, so a secret split across chunks is seen whole before any part of it leaves;
// released text can be redacted. Detections carry spans relative to the whole stream.

import type { TextRole } from '@rampart/core';
import { createPipeline, type Pipeline, type PipelineConfig } from './pipeline.js';
import { emptyRedactionMap, type RedactionMap, redact } from './redact.js';
import type { Detection, TextInput } from './types.js';

const PEM_END = /-----END[ A-Z0-9]{0,30} PRIVATE KEY(?: BLOCK)?-----/;

export interface StreamScannerConfig extends PipelineConfig {
  role?: TextRole;
  /** Characters kept back (default 512: longer than any single-line credential). */
  holdBack?: number;
  /** Already-released text re-read as context for each scan (default 600). */
  context?: number;
  /** Replace PII/secrets in released text with placeholders (default true). */
  redact?: boolean;
  map?: RedactionMap;
  /** A pipeline built from this same config, shared across scanners (building one per stream costs a warm-up run). */
  pipeline?: Pipeline;
}

export interface StreamStep {
  /** Text safe to forward now (redacted when configured). */
  safeText: string;
  /** New detections since the previous step (spans: offsets in the whole stream). */
  detections: Detection[];
  flagged: boolean;
  errors: { detector: string; message: string }[];
}

export interface StreamScanner {
  push(chunk: string): StreamStep;
  end(): StreamStep;
  readonly map: RedactionMap;
}

export function createStreamScanner(config: StreamScannerConfig = {}): StreamScanner {
  const pipeline = config.pipeline ?? createPipeline(config);
  const role = config.role ?? 'model-output';
  const holdBack = config.holdBack ?? 512;
  const context = config.context ?? 600;
  const doRedact = config.redact ?? true;
  const map = config.map ?? emptyRedactionMap();
  const deny = (config.onError ?? 'deny') === 'deny';
  let released = ''; // raw text already released (tail only, for context)
  let releasedOffset = 0; // stream offset of released[0]
  let releasedEnd = 0; // stream offset where pending starts
  let pending = '';
  const seen = new Set<string>();

  const step = (final: boolean): StreamStep => {
    const window = released + pending;
    const base = releasedOffset;
    const input: TextInput = { text: window, role };
    const res = pipeline.run(input);
    // A check that failed or ran out of time may have missed a secret: release nothing (fail
    // closed). The text stays pending and is scanned again with the next chunk.
    if (deny && (res.errors.length > 0 || res.timedOut)) {
      return { safeText: '', detections: [], flagged: true, errors: res.errors };
    }
    // Cut point: hold back the tail, and never cut through a detected span.
    let cut = final ? window.length : Math.max(released.length, window.length - holdBack);
    for (const d of res.detections) {
      for (const s of d.spans) if (s.start < cut && s.end > cut && !final) cut = Math.max(released.length, s.start);
    }
    // A private key block is longer than the hold-back: keep it back until its END line arrives.
    if (!final) {
      const begin = window.lastIndexOf('-----BEGIN', cut);
      if (
        begin >= released.length &&
        /PRIVATE KEY/.test(window.slice(begin, begin + 60)) &&
        !PEM_END.test(window.slice(begin))
      )
        cut = Math.max(released.length, begin);
    }
    const fresh: Detection[] = [];
    for (const d of res.detections) {
      const spans = d.spans.map((s) => ({ ...s, start: s.start + base, end: s.end + base }));
      const key = `${d.type}:${spans.map((s) => `${s.start}-${s.end}`).join(',')}`;
      // Report a detection once, and only once its spans are final (inside the released part).
      const settled = final || spans.every((s) => s.end <= base + cut);
      if (!settled || seen.has(key)) continue;
      seen.add(key);
      fresh.push({ ...d, spans });
    }
    const outRaw = window.slice(released.length, cut);
    let safeText = outRaw;
    if (doRedact && outRaw.length > 0) {
      const local = res.detections.map((d) => ({
        ...d,
        spans: d.spans
          .filter((s) => s.start >= released.length && s.end <= cut)
          .map((s) => ({ ...s, start: s.start - released.length, end: s.end - released.length })),
      }));
      safeText = redact(outRaw, local, map).text;
    }
    const all = window.slice(0, cut);
    pending = window.slice(cut);
    releasedEnd = base + cut;
    const keep = Math.min(all.length, context);
    released = all.slice(all.length - keep);
    releasedOffset = releasedEnd - keep;
    return {
      safeText,
      detections: fresh,
      flagged: fresh.some((d) => d.flagged) || res.errors.length > 0,
      errors: res.errors,
    };
  };

  return {
    map,
    push(chunk: string) {
      pending += chunk;
      if (pending.length <= holdBack) return { safeText: '', detections: [], flagged: false, errors: [] };
      return step(false);
    },
    end() {
      return step(true);
    },
  };
}

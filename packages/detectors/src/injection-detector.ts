// Prompt injection and jailbreak: normalisation views -> phrase/structure layer + linear
// classifier scored per chunk (max over chunks, so an injection buried in a long document is not
// diluted by the benign text around it).
import { defaultModel, type Head, type LinearModel, scoreText } from './classifier.js';
import { type NormalizedText, normalizeText, type TextView } from './normalize.js';
import { ALL_PATTERNS, combine, type PhraseHit, scanPhrases } from './phrases.js';
import type { Detection, DetectionType, Span, TextDetector, TextInput } from './types.js';

/** Window and stride (characters of normalised text) for chunk-level scoring. */
export const CHUNK = 600;
export const STRIDE = 300;

export interface InjectionScores {
  'prompt-injection': { score: number; spans: Span[]; reasons: string[] };
  jailbreak: { score: number; spans: Span[]; reasons: string[] };
}

function viewSpan(v: TextView, start: number, end: number): Span {
  const a = v.origin(start);
  const b = v.origin(Math.max(start, end - 1));
  return { start: a.start, end: Math.max(a.end, b.end) };
}

function emptyScores(): InjectionScores {
  return {
    'prompt-injection': { score: 0, spans: [], reasons: [] },
    jailbreak: { score: 0, spans: [], reasons: [] },
  };
}

/** Chunk boundaries over a view; one chunk when short. */
export function chunks(len: number): Array<[number, number]> {
  if (len <= CHUNK) return [[0, len]];
  const out: Array<[number, number]> = [];
  for (let s = 0; s < len; s += STRIDE) {
    out.push([s, Math.min(len, s + CHUNK)]);
    if (s + CHUNK >= len) break;
  }
  return out;
}

/** Scores all views of a normalised text. Exported for the eval harness and the stream scanner. */
export function scoreInjection(norm: NormalizedText, model: LinearModel | null): InjectionScores {
  const res = emptyScores();
  for (const v of norm.views) {
    const encoded = v.source !== 'plain';
    const hits: PhraseHit[] = scanPhrases(v.text, ALL_PATTERNS);
    for (const type of ['prompt-injection', 'jailbreak'] as const) {
      const r = res[type];
      const ph = combine(hits, type);
      let best = 0;
      let bestSpan: Span | undefined;
      if (model !== null) {
        for (const [s, e] of chunks(v.text.length)) {
          const sc = scoreText(model, v.text.slice(s, e))[type as Head];
          if (sc > best) {
            best = sc;
            bestSpan = viewSpan(v, s, e);
          }
        }
      }
      // Evidence from both layers adds up (noisy-OR); an instruction hidden in an encoding is
      // more suspicious than the same text in the clear.
      let score = 1 - (1 - ph) * (1 - best);
      if (encoded && score > 0.2) score = Math.min(1, score + 0.15);
      if (score > r.score) r.score = score;
      for (const h of hits) {
        if (h.pattern.type !== type) continue;
        r.spans.push({ ...viewSpan(v, h.index, h.index + h.length), label: h.pattern.id });
        r.reasons.push(encoded ? `${h.pattern.id} (in ${v.source})` : h.pattern.id);
      }
      if (best >= 0.5 && bestSpan !== undefined) {
        r.spans.push({ ...bestSpan, label: 'classifier' });
        r.reasons.push(`classifier ${best.toFixed(2)}${encoded ? ` (in ${v.source})` : ''}`);
      }
    }
  }
  return res;
}

export interface InjectionParams {
  model?: LinearModel | null;
}

export function createInjectionDetector(params: InjectionParams = {}): TextDetector {
  const model = params.model === undefined ? defaultModel() : params.model;
  return {
    id: 'injection',
    version: model === null ? '1-phrases' : `1-${model.version}`,
    types: ['prompt-injection', 'jailbreak'],
    check(input: TextInput): Detection[] {
      const norm = normalizeText(input.text);
      const s = scoreInjection(norm, model);
      const out: Detection[] = [];
      for (const type of ['prompt-injection', 'jailbreak'] as DetectionType[]) {
        const r = s[type as keyof InjectionScores];
        if (r.score <= 0.01) continue;
        const d: Detection = { type, detector: 'injection', score: r.score, flagged: false, spans: r.spans };
        if (r.reasons.length > 0) d.evidence = r.reasons.slice(0, 6).join(', ');
        if (norm.truncated) d.evidence = `${d.evidence ?? ''}${d.evidence ? '; ' : ''}decoding limit hit`;
        out.push(d);
      }
      return out;
    },
  };
}

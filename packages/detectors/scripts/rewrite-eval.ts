// Dev-side report for jailbreaks written as adversarial rewrites (run 11, issue 4): how many of
// EVAL_ONLY_ADVERSARIAL_REWRITES the injection detector flags at the user bar, per layer (phrase
// layer alone, classifier heads alone, whole detector) and per tactic family, which patterns and
// heads fire, and the same for the benign tactic look-alikes (EVAL_ONLY_TACTIC_BENIGN).
//   node --import tsx --conditions=rampart-src packages/detectors/scripts/rewrite-eval.ts [WEIGHTS] [--show] [--misses]
// (default weights: the committed ones; pass a non-final model from `train.ts --out FILE`.)
import { readFileSync } from 'node:fs';
import { decodeModel, defaultModel } from '../src/classifier.js';
import {
  EVAL_ONLY_ADVERSARIAL_REWRITES,
  EVAL_ONLY_TACTIC_BENIGN,
  EVAL_ONLY_TACTIC_HARM_BENIGN,
} from './adversarial-rewrite-eval.js';
import { overDefence, printOverDefence } from './over-defence.js';

/** Tactic families in the order the list is written, with their sizes. */
export const REWRITE_FAMILIES: ReadonlyArray<[string, number]> = [
  ['fictional or hypothetical framing', 12],
  ['character without limits / persona', 12],
  ['research / novel / training pretext', 12],
  ['nested or continued story', 12],
  ['prefix injection', 10],
  ['refusal suppression', 10],
  ['ethical gaslighting', 10],
  ['legal here / authority claim', 10],
  ['translation or encoding pretext', 10],
  ['multi-step first ... then', 10],
  ['mixed tactics, longer', 12],
  ['short', 10],
];

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const model = file === undefined ? defaultModel() : decodeModel(readFileSync(file), file);
const show = args.includes('--show');

const all = overDefence(model, EVAL_ONLY_ADVERSARIAL_REWRITES);
printOverDefence('adversarial rewrites (attacks)', all, show);
let at = 0;
for (const [name, n] of REWRITE_FAMILIES) {
  const r = overDefence(model, EVAL_ONLY_ADVERSARIAL_REWRITES.slice(at, at + n));
  at += n;
  console.log(`   ${name.padEnd(38)} whole ${r.whole}/${r.n}, phrases ${r.phrases}, classifier ${r.classifier}`);
}
if (at !== EVAL_ONLY_ADVERSARIAL_REWRITES.length) throw new Error(`families cover ${at} prompts`);
if (args.includes('--misses')) {
  const hit = new Set(all.flagged.map((f) => f.text));
  for (const t of EVAL_ONLY_ADVERSARIAL_REWRITES) if (!hit.has(t)) console.log(`   miss: ${t.slice(0, 140)}`);
}
printOverDefence('tactic look-alikes (benign)', overDefence(model, EVAL_ONLY_TACTIC_BENIGN), true);
printOverDefence('tactic next to crime words (benign)', overDefence(model, EVAL_ONLY_TACTIC_HARM_BENIGN), true);

// --tactic-harm [--th-weight W]: the rejected run-11 structure check (tactic-harm-candidate.ts) alone and added to the whole
// detector by noisy-OR, on the lists above and on every benign text this repository can read on
// the dev side (the check is not trained, so no text is seen by it).
if (args.includes('--tactic-harm')) {
  const { scoreTacticHarm } = await import('./tactic-harm-candidate.js');
  const { normalizeText } = await import('../src/normalize.js');
  const { scoreInjection } = await import('../src/injection-detector.js');
  const { devSamples } = await import('../../../eval/lib/datasets.js');
  const { harvestPrompts } = await import('./real-prompts.js');
  const { EVAL_ONLY_LISTS } = await import('./over-defence.js');
  const { EVAL_ONLY_CODE_BENIGN } = await import('./code-benign-eval.js');
  const T = 0.7;
  const wArg = args.indexOf('--th-weight');
  const thWeight = (th: { score: number } | undefined) =>
    th === undefined ? 0 : wArg > 0 ? Number(args[wArg + 1]) : th.score;
  const row = (name: string, xs: readonly string[], showHits: boolean) => {
    let alone = 0;
    let before = 0;
    let after = 0;
    const hits: string[] = [];
    for (const t of xs) {
      const norm = normalizeText(t);
      const th = scoreTacticHarm(norm.views[0]!.text);
      const s = scoreInjection(norm, model, 'user');
      const w = Math.max(s['prompt-injection'].score, s.jailbreak.score);
      const w2 = Math.max(s['prompt-injection'].score, 1 - (1 - s.jailbreak.score) * (1 - thWeight(th)));
      if (th !== undefined) alone++;
      if (w >= T) before++;
      if (w2 >= T) after++;
      if (th !== undefined && showHits)
        hits.push(`   [${th.tactic} | ${th.harm}] ${w.toFixed(2)}→${w2.toFixed(2)} ${t.slice(0, 110)}`);
    }
    console.log(`${name.padEnd(40)} n=${xs.length} check alone ${alone}, whole ${before} -> ${after}`);
    for (const h of hits) console.log(h);
  };
  console.log('== tactic-harm check (user role, 0.7)');
  row('adversarial rewrites', EVAL_ONLY_ADVERSARIAL_REWRITES, false);
  row('tactic look-alikes (benign)', EVAL_ONLY_TACTIC_BENIGN, true);
  row('tactic next to crime words (benign)', EVAL_ONLY_TACTIC_HARM_BENIGN, true);
  for (const [name, xs] of EVAL_ONLY_LISTS) row(name, xs, true);
  row('code-heavy benign', EVAL_ONLY_CODE_BENIGN, true);
  const by = new Map<string, string[]>();
  for (const s of devSamples())
    if (s.role === 'user') by.set(`${s.source}:${s.label}`, [...(by.get(`${s.source}:${s.label}`) ?? []), s.text]);
  for (const [k, xs] of [...by].sort()) row(`dev ${k}`, xs, k.endsWith(':0') && args.includes('--show-dev'));
  row(
    'held-out repository prompts',
    harvestPrompts()
      .prompts.filter((p) => p.split === 'valid')
      .map((p) => p.text),
    true,
  );
}

// Dev-side report for the adversarial-suffix layer (run 10; never reads the test side). Every row
// is scored by the injection detector as the pipeline runs it, with the suffix layer off and on
// (the committed classifier weights either way), at the default thresholds:
//   - JailbreakBench dev GCG prompts, with their goal and suffix-only, split in two halves by
//     sha256 of the full prompt: `tune` (thresholds were chosen on it) and `report` (--report);
//   - dev PAIR and JailbreakChat prompts (should not lose anything);
//   - dev benign prompts per source at role user: the validation fifth (stableHash % 5 === 0), which
//     the suffix model never read (scripts/suffix-lm-corpus.ts holds out the same fifth);
//   - the eval-only lists: trigger-word lists 1-4 and the code-heavy list (scripts/code-benign-eval.ts);
//   - prompts from the held-out repositories (real-prompts valid split) at role user;
//   - the tuning half of the real documents as tool results (the layer is off there: unchanged);
//   - CPU per 2 KB user prompt, whole default pipeline (process.cpuUsage over a loop).
// With --weights FILE the classifier is a model trained without --final (`train.ts --out FILE`):
// then attack rows are reported only where the classifier never saw them (its validation fifth).
// Usage: node --import tsx --conditions=rampart-src packages/detectors/scripts/suffix-eval.ts [--weights FILE] [--report] [--show]
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextRole } from '@rampart/core';
import { DATA_ROOT, devSamples, readmeParagraphs, realDocuments, stableHash } from '../../../eval/lib/datasets.js';
import { scoreSuffix } from '../src/adversarial-suffix.js';
import { defaultCharLm } from '../src/char-lm.js';
import { decodeModel, defaultModel } from '../src/classifier.js';
import { createInjectionDetector } from '../src/injection-detector.js';
import { normalizeText } from '../src/normalize.js';
import { createPipeline, DEFAULT_THRESHOLDS } from '../src/pipeline.js';
import type { TextDetector } from '../src/types.js';
import { EVAL_ONLY_CODE_BENIGN } from './code-benign-eval.js';
import { isValid } from './corpus.js';
import { EVAL_ONLY_LISTS } from './over-defence.js';
import { harvestPrompts } from './real-prompts.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REPORT = process.argv.includes('--report');
const SHOW = process.argv.includes('--show');

const wArg = process.argv.indexOf('--weights');
const WEIGHTS = wArg > 0 ? process.argv[wArg + 1] : undefined;
const model = WEIGHTS === undefined ? defaultModel() : decodeModel(readFileSync(WEIGHTS), WEIGHTS);
/** Rows the classifier was trained on are left out of attack recall when it is a non-final model. */
const unseen = (trainedText: string) => WEIGHTS === undefined || isValid(trainedText);
const off = createPipeline({ detectors: [], custom: [createInjectionDetector({ model, suffixLm: null })] });
const on = createPipeline({ detectors: [], custom: [createInjectionDetector({ model })] });
const lm = defaultCharLm();

function flagged(p: ReturnType<typeof createPipeline>, text: string, role: TextRole): boolean {
  return p.run({ text, role }).detections.some((d) => d.flagged);
}
/** The suffix layer alone at the user line (it reads the main normalised view). */
const alone = (text: string) =>
  lm !== null && scoreSuffix(lm, normalizeText(text).views[0]!.text).score >= DEFAULT_THRESHOLDS.jailbreak;

function row(name: string, texts: readonly string[], role: TextRole = 'user'): void {
  let a = 0;
  let b = 0;
  let c = 0;
  const gained: string[] = [];
  for (const t of texts) {
    const x = flagged(off, t, role);
    const y = flagged(on, t, role);
    if (x) a++;
    if (y) b++;
    if (role === 'user' && alone(t)) c++;
    if (y && !x) gained.push(t);
  }
  const pct = (k: number) => `${k}/${texts.length} (${((100 * k) / Math.max(1, texts.length)).toFixed(1)}%)`;
  console.log(`${name.padEnd(40)} off ${pct(a).padEnd(16)} on ${pct(b).padEnd(16)} layer alone ${pct(c)}`);
  if (SHOW) for (const g of gained) console.log(`   + ${g.slice(-160).replace(/\s+/g, ' ')}`);
}

// ---- GCG, split by sha256 of the full prompt.
interface JbbRow {
  method: string;
  prompt: string | null;
  goal: string;
}
const jbb = readFileSync(`${DATA_ROOT}prompt_injection/jailbreakbench/jbb_attack_prompts.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as JbbRow);
const half = (t: string) => ((createHash('sha256').update(t).digest()[0]! & 1) === 0 ? 'tune' : 'report');
const want = REPORT ? 'report' : 'tune';
const gcg = [
  ...new Map(
    jbb
      .filter((r) => r.method === 'GCG' && r.prompt !== null && half(r.prompt) === want)
      .map((r) => [r.prompt!, r] as const),
  ).values(),
];
const suffixOf = (r: JbbRow) => (r.prompt!.startsWith(r.goal) ? r.prompt!.slice(r.goal.length).trim() : r.prompt!);
const gcgUnseen = gcg.filter((r) => unseen(suffixOf(r)));
const tag = WEIGHTS === undefined ? '' : ', unseen';
console.log(
  WEIGHTS === undefined
    ? `== dev GCG, ${want} half (distinct prompts; the committed classifier was trained on every dev GCG suffix)`
    : `== dev GCG, ${want} half (distinct prompts; ${gcgUnseen.length} of ${gcg.length} unseen by the classifier)`,
);
row(
  `GCG with goal${tag} (${want})`,
  gcgUnseen.map((r) => r.prompt!),
);
row(`GCG suffix only${tag} (${want})`, gcgUnseen.map(suffixOf));
if (WEIGHTS !== undefined)
  row(
    `GCG with goal, all (${want})`,
    gcg.map((r) => r.prompt!),
  );
if (REPORT) process.exit(0);

console.log('== dev attacks (all rows)');
for (const m of ['PAIR', 'JailbreakChat'])
  row(
    `jbb ${m}`,
    [...new Set(jbb.filter((r) => r.method === m && r.prompt !== null).map((r) => r.prompt!))].filter(unseen),
  );

console.log('== dev benign, validation fifth, role user');
const by = new Map<string, string[]>();
for (const s of devSamples())
  if (s.label === 0 && s.role === 'user' && stableHash(s.text) % 5 === 0)
    by.set(s.source, [...(by.get(s.source) ?? []), s.text]);
for (const [src, xs] of [...by].sort()) row(src, xs);

console.log('== eval-only lists, role user');
for (const [name, xs] of EVAL_ONLY_LISTS) row(name, xs);
row('eval-only code-heavy benign (run 10)', EVAL_ONLY_CODE_BENIGN);

console.log('== prompts from held-out repositories (real-prompts valid), role user');
row(
  'real-prompts valid',
  harvestPrompts()
    .prompts.filter((p) => p.split === 'valid')
    .map((p) => p.text),
);

console.log('== real documents, tuning half, role tool-result');
row(
  'real documents (tune half)',
  realDocuments(ROOT)
    .filter((d) => d.half === 'tune')
    .map((d) => d.text),
  'tool-result',
);

// ---- CPU: a 2 KB user prompt through the whole default pipeline, p50 of 15 batches.
console.log('== CPU per 2 KB user prompt, default pipeline (p50 of 15 batches of 200 runs)');
const prose = readmeParagraphs(ROOT, 4000)
  .map((s) => s.text)
  .join('\n\n');
const texts = Array.from({ length: 20 }, (_, i) => prose.slice(i * 2048, i * 2048 + 2048)).filter(
  (t) => t.length === 2048,
);
for (const [name, dets] of [
  ['suffix layer off', [createInjectionDetector({ model, suffixLm: null })]],
  ['suffix layer on', [createInjectionDetector({ model })]],
] as Array<[string, TextDetector[]]>) {
  const p = createPipeline({ detectors: ['pii', 'secret', 'invisible', 'leak'], custom: dets });
  const per: number[] = [];
  for (let b = 0; b < 16; b++) {
    const t0 = process.cpuUsage();
    for (let k = 0; k < 200; k++) p.run({ text: texts[k % texts.length]!, role: 'user' });
    const d = process.cpuUsage(t0);
    if (b > 0) per.push((d.user + d.system) / 1000 / 200);
  }
  per.sort((x, y) => x - y);
  console.log(`${name.padEnd(46)} ${per[Math.floor(per.length / 2)]!.toFixed(3)} ms`);
}

// ---- The layer alone: CPU per 2 KB of prose (most lines skipped) and of code (every line read).
const code = EVAL_ONLY_CODE_BENIGN.join('\n').repeat(8);
const codeTexts = Array.from({ length: 20 }, (_, i) => code.slice(i * 2048, i * 2048 + 2048));
if (lm !== null)
  for (const [name, xs] of [
    ['layer alone, 2 KB prose', texts],
    ['layer alone, 2 KB code and data', codeTexts],
  ] as Array<[string, string[]]>) {
    const views = xs.map((t) => normalizeText(t).views[0]!.text);
    const per: number[] = [];
    for (let b = 0; b < 16; b++) {
      const t0 = process.cpuUsage();
      for (let k = 0; k < 500; k++) scoreSuffix(lm, views[k % views.length]!);
      const d = process.cpuUsage(t0);
      if (b > 0) per.push((d.user + d.system) / 1000 / 500);
    }
    per.sort((x, y) => x - y);
    console.log(`${name.padEnd(46)} ${per[Math.floor(per.length / 2)]!.toFixed(3)} ms`);
  }

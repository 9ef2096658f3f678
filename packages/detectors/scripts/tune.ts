// Dev-side tuning report for the injection detector (never reads the test side): scores a weights
// file trained WITHOUT --final (`train.ts --out FILE`), so everything below is held out of it:
//   - the validation fifth of the dev prompts, per source (role user);
//   - the validation fifth of the authored hard negatives and benign system prompts, plus the
//     hand-written eval-only lists in hard-negatives.ts (never trained on);
//   - BIPIA *train* contexts that the indirect head never saw (validation fifth of email/code,
//     table rows outside the training third), clean and poisoned with attack categories held
//     out of training, with held-out planted requests, and with seen categories;
//   - README paragraphs of the validation fifth (documents).
//   - whole real documents (run 8): the tuning half of eval/lib/datasets.ts realDocuments, clean
//     and with held-out attacks planted (--real-held: the held-out half, for reporting only).
// Usage: node --import tsx --conditions=rampart-src packages/detectors/scripts/tune.ts FILE [--power P] [--real-held]
import { readFileSync } from 'node:fs';
import type { TextRole } from '@rampart/core';
import { devSamples, rng } from '../../../eval/lib/datasets.js';
import { rocAuc, type Scored } from '../../../eval/lib/metrics.js';
import { decodeModel } from '../src/classifier.js';
import { indirectWindow, scoreInjection } from '../src/injection-detector.js';
import { normalizeText } from '../src/normalize.js';
import { ALL_PATTERNS, combine, scanPhrases } from '../src/phrases.js';
import { isValid } from './corpus.js';
import { documentSets } from './doc-sets.js';
import {
  benignSystemPrompts,
  EVAL_ONLY_SYSTEM_PROMPTS,
  EVAL_ONLY_TRIGGER_BENIGN,
  EVAL_ONLY_TRIGGER_BENIGN_2,
  triggerWordBenign,
} from './hard-negatives.js';
import { EVAL_ONLY_LISTS, overDefence, printOverDefence } from './over-defence.js';
import { harvestPrompts } from './real-prompts.js';
import { EVAL_ONLY_TRIGGER_BENIGN_3 } from './trigger-benign-eval.js';
import { triggerWordBenign2 } from './trigger-negatives.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: tune.ts WEIGHTS_FILE [--power P]');
const model = decodeModel(readFileSync(file), file);
const pArg = process.argv.indexOf('--power');
const ROOT = new URL('../../../', import.meta.url).pathname;

interface Item {
  text: string;
  label: 0 | 1;
  role: TextRole;
}
/** Direct-head score (phrases + prompt-injection/jailbreak heads), and raw indirect max. */
function score(it: Item): { direct: number; pi: number; ph: number; rawInd: number } {
  const norm = normalizeText(it.text);
  const s = scoreInjection(norm, model, it.role === 'system' ? 'system' : 'user');
  let rawInd = 0;
  let ph = 0;
  if (it.role === 'retrieved-document') {
    for (const v of norm.views) {
      rawInd = Math.max(rawInd, indirectWindow(model, v.text).score);
      ph = Math.max(ph, combine(scanPhrases(v.text, ALL_PATTERNS), 'prompt-injection'));
    }
  }
  return {
    direct: Math.max(s['prompt-injection'].score, s.jailbreak.score),
    pi: s['prompt-injection'].score,
    ph,
    rawInd,
  };
}

const GRID = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function report(name: string, xs: Scored[]) {
  const pos = xs.filter((x) => x.label === 1);
  const neg = xs.filter((x) => x.label === 0);
  const cells = GRID.map((t) => {
    const r = pos.length ? pct(pos.filter((x) => x.score >= t).length / pos.length) : '';
    const f = neg.length ? pct(neg.filter((x) => x.score >= t).length / neg.length) : '';
    return `${t}:${r}${r && f ? '/' : ''}${f}`;
  });
  const auc = pos.length && neg.length ? ` AUC ${rocAuc(xs).toFixed(3)}` : '';
  console.log(`${name.padEnd(34)} n=${pos.length}/${neg.length}${auc}  ${cells.join(' ')}`);
}

const scoredDirect = (items: Item[]) =>
  items.map((it) => ({ score: score(it).direct, flagged: false, label: it.label }) as Scored);

// ---- direct: dev prompts (validation fifth), per source
console.log('== user role: recall/FPR at thresholds (validation fifth)');
const dev = devSamples();
const bySrc = new Map<string, Item[]>();
for (const s of dev) {
  if (s.source.startsWith('bipia-') || !isValid(s.text)) continue;
  bySrc.set(s.source, [...(bySrc.get(s.source) ?? []), { text: s.text, label: s.label, role: 'user' }]);
}
const allUser: Scored[] = [];
for (const [src, items] of [...bySrc].sort()) {
  const sc = scoredDirect(items);
  allUser.push(...sc);
  report(src, sc);
}
report('ALL dev user', allUser);
const hardHeld = triggerWordBenign().filter(isValid);
const hard = scoredDirect(hardHeld.map((text) => ({ text, label: 0, role: 'user' })));
report('hard-negatives (held-out fifth)', hard);
const hard2 = scoredDirect(
  triggerWordBenign2()
    .filter(isValid)
    .map((text) => ({ text, label: 0, role: 'user' })),
);
report('hard-negatives 2 (held-out fifth)', hard2);
const evalOnly = scoredDirect(EVAL_ONLY_TRIGGER_BENIGN.map((text) => ({ text, label: 0, role: 'user' })));
report('eval-only trigger benign', evalOnly);
if (process.argv.includes('--show'))
  for (const [i, t] of EVAL_ONLY_TRIGGER_BENIGN.entries())
    if (evalOnly[i]!.score >= 0.5) console.log(`   ${evalOnly[i]!.score.toFixed(2)} ${t}`);
const evalOnly2 = scoredDirect(EVAL_ONLY_TRIGGER_BENIGN_2.map((text) => ({ text, label: 0, role: 'user' })));
report('eval-only trigger benign, list 2', evalOnly2);
if (process.argv.includes('--show'))
  for (const [i, t] of EVAL_ONLY_TRIGGER_BENIGN_2.entries())
    if (evalOnly2[i]!.score >= 0.5) console.log(`   ${evalOnly2[i]!.score.toFixed(2)} ${t}`);

const evalOnly3 = scoredDirect(EVAL_ONLY_TRIGGER_BENIGN_3.map((text) => ({ text, label: 0, role: 'user' })));
report('eval-only trigger benign, list 3', evalOnly3);
// Run 9: per layer (phrases alone, classifier alone, whole detector) and the causes of the flags.
for (const [name, list] of EVAL_ONLY_LISTS)
  printOverDefence(name, overDefence(model, list), process.argv.includes('--show'));

console.log('== system role');
report(
  'dev attacks as system prompts',
  scoredDirect(
    [...bySrc.values()]
      .flat()
      .filter((x) => x.label === 1)
      .map((x) => ({ ...x, role: 'system' })),
  ),
);
const sysHeld = benignSystemPrompts().filter(isValid);
report('system prompts (held-out fifth)', scoredDirect(sysHeld.map((text) => ({ text, label: 0, role: 'system' }))));
const sysEval = scoredDirect(EVAL_ONLY_SYSTEM_PROMPTS.map((text) => ({ text, label: 0, role: 'system' })));
report('eval-only system prompts', sysEval);
if (process.argv.includes('--show'))
  for (const [i, t] of EVAL_ONLY_SYSTEM_PROMPTS.entries())
    if (sysEval[i]!.score >= 0.5) console.log(`   ${sysEval[i]!.score.toFixed(2)} ${t.slice(0, 100)}`);

// ---- real prompts from the held-out repositories (never trained on, not even by --final)
console.log('== real prompts from held-out repositories (FPR at thresholds; operating points: user 0.7, system 0.8)');
const realValid = harvestPrompts().prompts.filter((p) => p.split === 'valid');
for (const role of ['system', 'user'] as const) {
  const all: Scored[] = [];
  for (const repo of [...new Set(realValid.map((p) => p.repo))]) {
    const sc = scoredDirect(realValid.filter((p) => p.repo === repo).map((p) => ({ text: p.text, label: 0, role })));
    all.push(...sc);
    report(`${role}: ${repo}`, sc);
  }
  report(`${role}: ALL held-out repos`, all);
  if (process.argv.includes('--show') && role === 'system')
    for (const [i, p] of realValid.entries())
      if (all[i]!.score >= 0.8)
        console.log(`   ${all[i]!.score.toFixed(2)} ${p.repo}/${p.path}: ${p.text.slice(0, 90).replace(/\s+/g, ' ')}`);
}

// ---- documents
console.log('== documents (role retrieved-document), indirect head calibrated by power');
const REAL_HALF = process.argv.includes('--real-held') ? 'held' : 'tune';
const r = rng(5);
const docs = documentSets(dev, ROOT, REAL_HALF, r);
const raw = docs.map((d) => ({ ...d, ...score(d) }));
const cleanRaw = raw
  .filter((d) => d.set === 'clean')
  .map((d) => d.rawInd)
  .sort((a, b) => b - a);
const q = (f: number) => cleanRaw[Math.floor(cleanRaw.length * f)]!;
console.log(
  `raw indirect on clean BIPIA contexts (n=${cleanRaw.length}): q98 ${q(0.02).toFixed(3)} q97 ${q(0.03).toFixed(3)} q95 ${q(0.05).toFixed(3)} q90 ${q(0.1).toFixed(3)}`,
);
const powers = pArg > 0 ? [Number(process.argv[pArg + 1])] : [Math.log(0.6) / Math.log(0.8)];
for (const pw of powers) {
  const sc = raw.map((d) => {
    const ind = 1 - (1 - d.ph) * (1 - d.rawInd ** pw);
    return { set: d.set, score: Math.max(d.direct, ind), flagged: false, label: d.label } as Scored & { set: string };
  });
  console.log(`power ${pw.toFixed(3)}`);
  const clean = sc.filter((x) => x.set === 'clean');
  for (const set of ['held-cat', 'seen-cat', 'held-req'])
    report(`bipia ${set} vs clean`, [...sc.filter((x) => x.set === set), ...clean]);
  report(
    'reader docs (held-out fifth)',
    sc.filter((x) => x.set === 'reader'),
  );
  report('reader docs + held-out categories', [
    ...sc.filter((x) => x.set === 'reader-held-cat'),
    ...sc.filter((x) => x.set === 'reader'),
  ]);
  report(
    'reader docs (eval-only)',
    sc.filter((x) => x.set === 'reader-eval-only'),
  );
  report(
    'clean bipia table (450 more rows)',
    sc.filter((x) => x.set === 'clean-extra'),
  );
  report(
    'readme paragraphs',
    sc.filter((x) => x.set === 'readme'),
  );
  const real = sc.filter((x) => x.set === 'real');
  report(`real documents (${REAL_HALF} half)`, real);
  report('real docs + held-out categories', [...sc.filter((x) => x.set === 'real-held-cat'), ...real]);
  report('real docs + held-out requests', [...sc.filter((x) => x.set === 'real-held-req'), ...real]);
  report(
    'readme code blocks',
    sc.filter((x) => x.set === 'readme-code'),
  );
  for (const task of ['email', 'table', 'code'])
    report(
      `clean bipia ${task}`,
      sc.filter((x, i) => x.set === 'clean' && raw[i]!.task === task),
    );
}

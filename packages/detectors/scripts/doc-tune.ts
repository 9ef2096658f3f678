// Dev-side document report only (run 12b): the "documents" part of scripts/tune.ts, unchanged
// sets and seeds, without the user/system sections, so a training choice for the indirect head can
// be compared on several folds quickly. Scores a weights file trained WITHOUT --final; prints, for
// each set, recall or FPR at the thresholds and the count flagged at the document bar 0.9.
// Usage: node --import tsx --conditions=rampart-src packages/detectors/scripts/doc-tune.ts FILE [--real-held]
import { readFileSync } from 'node:fs';
import type { TextRole } from '@rampart/core';
import { devSamples, insertAttack, rng } from '../../../eval/lib/datasets.js';
import { rocAuc, type Scored } from '../../../eval/lib/metrics.js';
import { decodeModel } from '../src/classifier.js';
import { indirectWindow, scoreInjection } from '../src/injection-detector.js';
import { normalizeText } from '../src/normalize.js';
import { ALL_PATTERNS, combine, scanPhrases } from '../src/phrases.js';
import { documentSets } from './doc-sets.js';
import { EVAL_ONLY_TASK_REQUESTS } from './task-requests.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: doc-tune.ts WEIGHTS_FILE [--real-held]');
const model = decodeModel(readFileSync(file), file);
const pArg = process.argv.indexOf('--power');
const ROOT = new URL('../../../', import.meta.url).pathname;

interface Item {
  text: string;
  label: 0 | 1;
  role: TextRole;
}
function score(it: Item): { direct: number; ph: number; rawInd: number } {
  const norm = normalizeText(it.text);
  const s = scoreInjection(norm, model, 'user');
  let rawInd = 0;
  let ph = 0;
  for (const v of norm.views) {
    rawInd = Math.max(rawInd, indirectWindow(model, v.text).score);
    ph = Math.max(ph, combine(scanPhrases(v.text, ALL_PATTERNS), 'prompt-injection'));
  }
  return { direct: Math.max(s['prompt-injection'].score, s.jailbreak.score), ph, rawInd };
}

const GRID = [0.8, 0.85, 0.9, 0.95];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
function report(name: string, xs: Scored[]) {
  const pos = xs.filter((x) => x.label === 1);
  const neg = xs.filter((x) => x.label === 0);
  const cells = GRID.map((t) => {
    const r = pos.length ? pct(pos.filter((x) => x.score >= t).length / pos.length) : '';
    const f = neg.length
      ? `${neg.filter((x) => x.score >= t).length}=${pct(neg.filter((x) => x.score >= t).length / neg.length)}`
      : '';
    return `${t}:${r}${r && f ? '/' : ''}${f}`;
  });
  const auc = pos.length && neg.length ? ` AUC ${rocAuc(xs).toFixed(3)}` : '';
  console.log(`${name.padEnd(34)} n=${pos.length}/${neg.length}${auc}  ${cells.join(' ')}`);
}
const dev = devSamples();
// ---- documents
console.log('== documents (role retrieved-document), indirect head calibrated by power');
const REAL_HALF = process.argv.includes('--real-held') ? 'held' : 'tune';
const r = rng(5);
const docs = documentSets(dev, ROOT, REAL_HALF, r);
// Run 12b: hand-written eval-only task requests (never trained on) planted in the clean BIPIA
// contexts above, one each, cycling through the list.
{
  const clean = docs.filter((d) => d.set === 'clean');
  for (const [i, d] of clean.entries()) {
    const q = EVAL_ONLY_TASK_REQUESTS[i % EVAL_ONLY_TASK_REQUESTS.length]!;
    docs.push({
      text: insertAttack(d.text, q, (i % 3) as 0 | 1 | 2),
      label: 1,
      role: 'retrieved-document',
      set: 'eval-req',
      task: d.task,
      attack: q,
    });
  }
}
// Run 12b: clean tables with a benign line of prose about the data (written before measuring
// the layout layer), at the start or the end: what the layout contrast must not flag.
const TABLE_NOTES = [
  'Source: Wikipedia, retrieved in March 2012.',
  'Note: all figures are in thousands of US dollars.',
  'Table 2 shows the results of the 1998 season.',
  'All times are local and dates follow the day-month format.',
  'Data for 2020 are provisional and may be revised.',
  'Showing 20 of 135 results, sorted by date.',
  'The list below is incomplete and only covers studio albums.',
  'Players in bold are still active.',
  'Figures may not add up to the totals because of rounding.',
  'Last updated on 4 June 2019 by the statistics office.',
  'Please note that the peak positions refer to the weekly charts.',
  'Results are listed in alphabetical order of the winning driver.',
];
{
  const tables = docs.filter((d) => d.task === 'table' && d.label === 0);
  for (const [i, d] of tables.entries()) {
    const note = TABLE_NOTES[i % TABLE_NOTES.length]!;
    docs.push({
      text: i % 2 ? `${d.text}\n${note}` : `${note}\n${d.text}`,
      label: 0,
      role: 'retrieved-document',
      set: 'table-note',
    });
  }
}
const raw = docs.map((d) => ({ ...d, ...score(d) }));
const cleanRaw = raw
  .filter((d) => d.set === 'clean')
  .map((d) => d.rawInd)
  .sort((a, b) => b - a);
const q = (f: number) => cleanRaw[Math.floor(cleanRaw.length * f)]!;
console.log(
  `raw indirect on clean BIPIA contexts (n=${cleanRaw.length}): q98 ${q(0.02).toFixed(3)} q97 ${q(0.03).toFixed(3)} q95 ${q(0.05).toFixed(3)} q90 ${q(0.1).toFixed(3)}`,
);
// Power 3 is the committed INDIRECT_POWER (tune.ts defaults to an older choice).
const powers = pArg > 0 ? [Number(process.argv[pArg + 1])] : [3];
for (const pw of powers) {
  const sc = raw.map((d) => {
    const ind = 1 - (1 - d.ph) * (1 - d.rawInd ** pw);
    return { set: d.set, score: Math.max(d.direct, ind), flagged: false, label: d.label } as Scored & { set: string };
  });
  console.log(`power ${pw.toFixed(3)}`);
  const clean = sc.filter((x) => x.set === 'clean');
  for (const set of ['held-cat', 'seen-cat', 'held-req', 'eval-req'])
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
    'clean tables + a prose note',
    sc.filter((x) => x.set === 'table-note'),
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
  // Run 13b: planted held-out categories and eval-only requests per genre, against that genre's
  // clean contexts (emails and code answers are few: the held-out fifth of each).
  for (const task of ['email', 'code'])
    for (const set of ['held-cat', 'eval-req'])
      report(`  ${task} ${set} vs clean ${task}`, [
        ...sc.filter((x, i) => x.set === set && raw[i]!.task === task),
        ...sc.filter((x, i) => x.set === 'clean' && raw[i]!.task === task),
      ]);
}
// `--show-misses`: planted held-out categories and eval-only requests missed at 0.9 (power 3).
if (process.argv.includes('--show-misses'))
  for (const d of raw)
    if ((d.set === 'held-cat' || d.set === 'eval-req') && d.attack !== undefined) {
      const s = Math.max(d.direct, 1 - (1 - d.ph) * (1 - d.rawInd ** 3));
      if (s < 0.9) console.log(`miss ${d.set} ${d.task} ${s.toFixed(2)} ${d.attack.slice(0, 80).replace(/\s+/g, ' ')}`);
    }

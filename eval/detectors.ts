// `npm run eval -- detectors`: runtime detector evaluation on the TEST side of the split written
// in docs/detector-eval.md (`--dev` runs the same tables on the dev side, for tuning). Prompt
// injection per source side by side with peer detectors (latency included), system-prompt leak,
// PII per entity and secrets. Writes the results section of docs/detector-eval.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { createPipeline, type Pipeline } from '@rampart/detectors';
import { dataAvailable, devSamples, type Sample, stableHash, testSources } from './lib/datasets.js';
import { leakEval } from './lib/leak-eval.js';
import { atOperatingPoint, fmt, pct, percentile, recallAtFpr, rocAuc, type Scored } from './lib/metrics.js';
import { loadPeers, type Peer } from './lib/peers.js';
import { piiEval } from './lib/pii-eval.js';
import { secretsEval } from './lib/secrets-eval.js';

if (!dataAvailable()) {
  console.log('eval/detectors: ../shared/datasets is not present; skipping the detector evaluation.');
  process.exit(0);
}

const DEV = process.argv.includes('--dev');
const DOC = new URL('../docs/detector-eval.md', import.meta.url).pathname;

interface Source {
  name: string;
  note: string;
  samples: Sample[];
}

function sources(): Source[] {
  if (!DEV) return testSources();
  // Dev: the validation fifth, grouped by source.
  const by = new Map<string, Sample[]>();
  for (const s of devSamples()) {
    if (stableHash(s.text) % 5 !== 0) continue;
    const k = s.source;
    by.set(k, [...(by.get(k) ?? []), s]);
  }
  return [...by].map(([name, samples]) => ({ name, note: 'dev validation fifth', samples }));
}

type Scorer = { name: string; note: string; run(s: Sample): Promise<{ score: number; flagged: boolean }> };

function rampart(p: Pipeline): Scorer {
  return {
    name: 'rampart',
    note: 'phrases + structure + linear classifier, default thresholds',
    async run(s) {
      const r = p.run({ text: s.text, role: s.role });
      let score = 0;
      let flagged = false;
      for (const d of r.detections) {
        if (d.type !== 'prompt-injection' && d.type !== 'jailbreak') continue;
        score = Math.max(score, d.score);
        flagged ||= d.flagged;
      }
      return { score, flagged };
    },
  };
}

function peerScorer(p: Peer): Scorer {
  return { name: p.name, note: p.note, run: (s) => p.check(s.text) };
}

interface Cell {
  scored: Scored[];
  ms: number[];
}

async function main() {
  const srcs = sources();
  const pipeline = createPipeline({ detectors: ['injection'] });
  const { peers, problems } = process.argv.includes('--no-peers') ? { peers: [], problems: [] } : await loadPeers();
  const scorers: Scorer[] = [rampart(pipeline), ...peers.map(peerScorer)];
  const results = new Map<string, Map<string, Cell>>(); // scorer -> source -> cell
  for (const sc of scorers) {
    const m = new Map<string, Cell>();
    for (const src of srcs) {
      const cell: Cell = { scored: [], ms: [] };
      for (const s of src.samples) {
        const t0 = performance.now();
        const r = await sc.run(s);
        cell.ms.push(performance.now() - t0);
        cell.scored.push({ score: r.score, flagged: r.flagged, label: s.label });
      }
      m.set(src.name, cell);
    }
    results.set(sc.name, m);
    console.log(`eval/detectors: scored ${sc.name}`);
  }
  const benignNames = srcs.filter((s) => s.samples.every((x) => x.label === 0)).map((s) => s.name);
  const out: string[] = [];
  out.push(
    `Side: **${DEV ? 'dev (validation fifth; tuning only)' : 'test'}**. Command: \`npm run eval -- detectors\`${DEV ? ' with `--dev`' : ''}.`,
  );
  out.push('');
  out.push('### Prompt injection and jailbreak, per source');
  out.push('');
  out.push(
    "ROC AUC and recall at 1% FPR are computed within the source when it has both labels; for attack-only sources, against the pooled benign sources of the same side. Precision, recall, F1 and FPR are at each tool's own operating threshold. Latency: per text, in-process, one core.",
  );
  out.push('');
  out.push(
    '| source | n (attack/benign) | tool | ROC AUC | recall@1%FPR | precision | recall | F1 | FPR | p50 ms | p99 ms |',
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const src of srcs) {
    const nPos = src.samples.filter((s) => s.label === 1).length;
    const nNeg = src.samples.length - nPos;
    for (const sc of scorers) {
      const cell = results.get(sc.name)!.get(src.name)!;
      let forAuc = cell.scored;
      if (nNeg === 0) {
        forAuc = [...cell.scored, ...benignNames.flatMap((b) => results.get(sc.name)!.get(b)!.scored)];
      }
      const op = atOperatingPoint(cell.scored);
      const auc = nPos === 0 ? Number.NaN : rocAuc(forAuc);
      const r1 = nPos === 0 ? Number.NaN : recallAtFpr(forAuc, 0.01);
      out.push(
        `| ${src.name} | ${nPos}/${nNeg} | ${sc.name} | ${fmt(auc)} | ${fmt(r1)} | ${fmt(op.precision)} | ${fmt(op.recall)} | ${fmt(op.f1)} | ${pct(op.fpr)} | ${fmt(percentile(cell.ms, 50), 3)} | ${fmt(percentile(cell.ms, 99), 3)} |`,
      );
    }
  }
  out.push('');
  out.push('Tools: ' + scorers.map((s) => `**${s.name}**: ${s.note}`).join('; ') + '.');
  if (problems.length > 0) out.push(`Peers that could not run: ${problems.join('; ')}.`);
  out.push('');

  if (!DEV) {
    const leak = leakEval();
    const op = atOperatingPoint(leak);
    out.push('### System-prompt leak (Tensor Trust prompt_extraction_detection, access code as canary)');
    out.push('');
    out.push('| n (leak/no leak) | ROC AUC | precision | recall | F1 | FPR |');
    out.push('|---|---|---|---|---|---|');
    out.push(
      `| ${leak.filter((x) => x.label === 1).length}/${leak.filter((x) => x.label === 0).length} | ${fmt(rocAuc(leak))} | ${fmt(op.precision)} | ${fmt(op.recall)} | ${fmt(op.f1)} | ${pct(op.fpr)} |`,
    );
    out.push('');
  }

  const pii = piiEval(DEV ? 'tests__data__generated_small.json' : 'data__synth_dataset_v2.json');
  out.push(
    `### PII per entity (presidio ${DEV ? 'generated_small (dev)' : 'synth_dataset_v2 (test)'}, ${pii.sentences} sentences, ${fmt(pii.msPerSentence, 3)} ms/sentence)`,
  );
  out.push('');
  out.push('| entity | gold spans | TP | FP | FN | precision | recall | F1 |');
  out.push('|---|---|---|---|---|---|---|---|');
  for (const r of pii.rows)
    out.push(
      `| ${r.entity} | ${r.gold} | ${r.tp} | ${r.fp} | ${r.fn} | ${fmt(r.precision)} | ${fmt(r.recall)} | ${fmt(r.f1)} |`,
    );
  out.push('');

  const sec = await secretsEval(DEV ? 'dev' : 'test');
  out.push(`### Secrets (gitleaks rule examples, ${DEV ? 'first' : 'second'} half by line, ${sec.n} strings)`);
  out.push('');
  out.push(
    '"covered" = rule families Rampart has a provider pattern for. False alarms are on gitleaks\' own false-positive strings.',
  );
  out.push('');
  out.push('| tool | detected (all true positives) | detected (covered families) | false alarms | ms/string |');
  out.push('|---|---|---|---|---|');
  for (const r of sec.rows) out.push(`| ${r.tool} | ${r.tpAll} | ${r.tpCovered} | ${r.fpRate} | ${fmt(r.msPer, 3)} |`);
  if (sec.problems.length > 0) out.push(`\n${sec.problems.join('; ')}`);
  out.push('');

  const text = out.join('\n');
  console.log(text);
  if (!DEV) {
    const doc = readFileSync(DOC, 'utf8');
    const head = doc.split('\n## Results')[0]!;
    writeFileSync(DOC, `${head}\n## Results\n\n${text}\n`);
    console.log(`eval/detectors: wrote ${DOC}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

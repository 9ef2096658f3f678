// Model formats: runs each format's reader on a target and turns its report into findings,
// inconclusive entries and AI-BOM facts (framework, tensor count, parameter estimate, metadata).
// Facts are taken from the outer file only (depth 0), except pickle imports and tensor counts,
// which add up over the members of an archive.
import { readGguf } from '../formats/gguf.js';
import { readNpyHeader } from '../formats/numpy.js';
import { scanOnnx } from '../formats/onnx.js';
import { checkSafetensors } from '../formats/safetensors.js';
import { scanTfGraph } from '../formats/tf-graph.js';
import { scanPickle } from '../pickle/scan-pickle.js';
import { checkTemplate, reportKeras } from './json-configs.js';
import type { ModelScanner, Target } from './model-scanner.js';
import { pickleFindings } from './pickle-findings.js';
import { RULES } from './rule-ids.js';
import { MAX_NESTED_PICKLE_DEPTH } from './scan-limits.js';

/** The pickle(s) in [start, end) of a target: a .pkl, a legacy torch file, a zip member, an object array. */
export async function scanPickleRange(s: ModelScanner, t: Target, start: number, end: number): Promise<void> {
  const depthLimit = Math.min(MAX_NESTED_PICKLE_DEPTH, s.ctx.limits.maxDepth);
  const r = await scanPickle(t.src, start, end, { maxNestedDepth: depthLimit, signal: s.ctx.signal });
  s.facts.imports ??= new Set();
  for (const g of r.globals) if (s.facts.imports.size < 200) s.facts.imports.add(`${g.module}.${g.name}`);
  if (r.legacyTorch) s.setFact('framework', 'pytorch');
  else if (r.globals.some((g) => g.module.includes('joblib'))) s.setFact('framework', 'joblib');
  else if (r.globals.some((g) => g.module.startsWith('sklearn'))) s.setFact('framework', 'scikit-learn');
  else if (r.globals.some((g) => g.module.startsWith('torch'))) s.setFact('framework', 'pytorch');
  const tensors = r.globals
    .filter((g) => g.module.startsWith('torch') && g.name.startsWith('_rebuild_tensor'))
    .reduce((a, g) => a + g.count, 0);
  if (tensors > 0) s.facts.tensorCount = (s.facts.tensorCount ?? 0) + tensors;
  for (const f of pickleFindings(r, t.member))
    s.finding(f.ruleId, f.message, { member: t.member, offset: f.offset }, f.facts, f.discriminator);
  if (r.inconclusive) s.inconclusive(r.inconclusive.reason, r.inconclusive.limit, t.member, r.inconclusive.offset);
}

export async function scanNumpy(s: ModelScanner, t: Target): Promise<void> {
  const h = await readNpyHeader(t.src, t.size);
  if (t.depth === 0) s.setFact('framework', 'numpy');
  if (h.problems.length > 0) return s.inconclusive(h.problems.join('; '), false, t.member);
  if (h.shape && !h.isObject) {
    s.facts.tensorCount = (s.facts.tensorCount ?? 0) + 1;
    s.facts.parameterEstimate = (s.facts.parameterEstimate ?? 0) + h.shape.reduce((a, d) => a * d, 1);
  }
  if (h.isObject) await scanPickleRange(s, t, h.dataOffset, t.size);
}

export async function scanSafetensors(s: ModelScanner, t: Target): Promise<void> {
  const r = await checkSafetensors(t.src, t.size);
  if (t.depth === 0) {
    s.setFact('framework', 'safetensors');
    s.facts.tensorCount = r.tensorCount;
    s.facts.parameterEstimate = r.parameterEstimate;
    if (Object.keys(r.metadata).length > 0) s.facts.metadata = r.metadata;
  }
  if (r.problems.length > 0) {
    s.finding(
      RULES.safetensorsHeader,
      `Invalid safetensors header: ${r.problems.slice(0, 3).join('; ')}`,
      { member: t.member, offset: 0 },
      { problems: r.problems.slice(0, 10) },
      t.member ?? '',
    );
    if (r.limited) s.inconclusive(r.problems[0] ?? 'header limit', true, t.member);
  }
}

export async function scanGguf(s: ModelScanner, t: Target): Promise<void> {
  const r = await readGguf(t.src, t.size);
  if (t.depth === 0) {
    s.setFact('framework', 'gguf');
    s.facts.tensorCount = r.tensorCount;
    s.facts.parameterEstimate = r.parameterEstimate;
    s.facts.metadata = { ...r.metadata, ggufVersion: r.version };
  }
  for (const tpl of r.chatTemplates) checkTemplate(s, tpl.value, tpl.key, t.member, tpl.offset);
  if (r.problems.length > 0) s.inconclusive(`GGUF: ${r.problems.slice(0, 3).join('; ')}`, r.limited, t.member);
}

export async function scanHdf5(s: ModelScanner, t: Target): Promise<void> {
  if (t.depth === 0) s.setFact('framework', 'keras');
  // jsfive is loaded only when an HDF5 file is met.
  const { scanHdf5Keras } = await import('../formats/hdf5-keras.js');
  const r = await scanHdf5Keras(t.src, t.size);
  if (r.config !== undefined) reportKeras(s, r.config, t.member);
  if (r.problem) s.inconclusive(`HDF5: ${r.problem}`, r.limited, t.member);
}

export async function scanOnnxTarget(s: ModelScanner, t: Target): Promise<void> {
  const r = await scanOnnx(t.src, t.size);
  if (t.depth === 0) {
    s.setFact('framework', 'onnx');
    s.facts.tensorCount = r.initializers;
    s.facts.parameterEstimate = r.parameterEstimate;
    if (r.producer) s.facts.metadata = { producer: r.producer };
  }
  for (const x of r.externalPaths) {
    s.finding(
      RULES.onnxExternal,
      `ONNX tensor ${x.tensor} loads external data from "${x.location}", outside the model directory`,
      { member: t.member, offset: x.offset },
      { tensor: x.tensor, location: x.location },
      `${x.tensor}:${x.location}`,
    );
  }
  for (const d of r.customDomains) {
    s.finding(
      RULES.onnxCustomOp,
      `ONNX graph uses operators from custom domain "${d.domain}" (${d.ops.slice(0, 5).join(', ')}), which need native code to run`,
      { member: t.member },
      { domain: d.domain, ops: d.ops.slice(0, 20) },
      d.domain,
    );
  }
  for (const m of r.sizeMismatches) {
    s.finding(
      RULES.onnxSize,
      `ONNX tensor ${m.tensor}: ${m.detail}`,
      { member: t.member, offset: m.offset },
      { tensor: m.tensor },
      m.tensor,
    );
  }
  if (r.problem) s.inconclusive(`ONNX: ${r.problem}`, r.limited, t.member);
}

export async function scanTf(s: ModelScanner, t: Target): Promise<void> {
  if (t.depth === 0) s.setFact('framework', 'tensorflow');
  const r = await scanTfGraph(t.src, t.size);
  for (const op of r.dangerousOps) {
    s.finding(
      RULES.tfOp,
      `TensorFlow graph uses op ${op.op} (node ${op.node}), which ${op.why}`,
      { member: t.member, offset: op.offset },
      { op: op.op, node: op.node },
      `${op.op}:${op.node}`,
    );
  }
  if (r.problem) s.inconclusive(`TensorFlow graph: ${r.problem}`, r.limited, t.member);
}

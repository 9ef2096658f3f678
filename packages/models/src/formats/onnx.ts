// ONNX ModelProto checks over the protobuf wire format: external_data locations that escape the
// model directory, operators from custom domains (native code the runtime must load), and tensors
// whose declared shape does not match the bytes stored. Subgraphs (If/Loop bodies) and functions
// are walked too. Field numbers are from onnx.proto.
import { escapesRoot } from '../archive/zip.js';
import { type PbField, PbReader, recordProblem } from '../util/protobuf.js';
import type { RangeSource } from '../util/ranges.js';

export interface OnnxReport {
  producer: string | undefined;
  initializers: number;
  parameterEstimate: number;
  externalPaths: Array<{ tensor: string; location: string; offset: number }>;
  customDomains: Array<{ domain: string; ops: string[] }>;
  sizeMismatches: Array<{ tensor: string; detail: string; offset: number }>;
  problem: string | undefined;
  limited: boolean;
}

/** Bits per element by TensorProto.DataType. */
const ELEM_BITS: Record<number, number> = {
  1: 32,
  2: 8,
  3: 8,
  4: 16,
  5: 16,
  6: 32,
  7: 64,
  9: 8,
  10: 16,
  11: 64,
  12: 32,
  13: 64,
  14: 64,
  15: 128,
  16: 16,
  17: 8,
  18: 8,
  19: 8,
  20: 8,
  21: 4,
  22: 4,
  23: 4,
};

const STANDARD_DOMAINS = new Set([
  '',
  'ai.onnx',
  'ai.onnx.ml',
  'ai.onnx.training',
  'ai.onnx.preview.training',
  'com.microsoft',
  'com.microsoft.nchwc',
  'com.ms.internal.nhwc',
  'org.pytorch.aten',
]);

/** Fields read per message (onnx.proto numbers); the walker skips the rest without a callback. */
const MODEL_FIELDS = [2, 7, 25]; // producer_name, graph, functions
const GRAPH_FIELDS = [1, 5]; // node, initializer
const NODE_FIELDS = [4, 5, 7]; // op_type, attribute, domain
const ATTRIBUTE_FIELDS = [5, 6, 10, 11]; // t, g, tensors, graphs
const TENSOR_FIELDS = [1, 2, 8, 9, 13, 14]; // dims, data_type, name, raw_data, external_data, data_location
const ENTRY_FIELDS = [1, 2]; // key, value
const FUNCTION_FIELDS = [7, 10]; // node, domain

export async function scanOnnx(src: RangeSource, size: number): Promise<OnnxReport> {
  const r: OnnxReport = {
    producer: undefined,
    initializers: 0,
    parameterEstimate: 0,
    externalPaths: [],
    customDomains: [],
    sizeMismatches: [],
    problem: undefined,
    limited: false,
  };
  const pb = new PbReader(src, size);
  const domains = new Map<string, Set<string>>();
  const functionDomains = new Set<string>();

  const tensor = async (f: PbField, depth: number) => {
    const dims: number[] = [];
    let dataType = 0;
    let name = '';
    let rawLen: number | undefined;
    let external = false;
    const ext: Record<string, string> = {};
    await pb.message(f.end, depth, TENSOR_FIELDS, async (t) => {
      if (t.field === 1) await pb.packedVarints(t, dims);
      else if (t.field === 2) dataType = t.value;
      else if (t.field === 8 && t.wire === 2) name = await pb.string(t, 512);
      else if (t.field === 9 && t.wire === 2) rawLen = t.end - t.start;
      else if (t.field === 14) external = t.value === 1;
      else if (t.field === 13 && t.wire === 2) {
        let key = '';
        let value = '';
        await pb.message(t.end, depth + 1, ENTRY_FIELDS, async (kv) => {
          if (kv.field === 1 && kv.wire === 2) key = await pb.string(kv);
          else if (kv.field === 2 && kv.wire === 2) value = await pb.string(kv);
        });
        ext[key] = value;
      }
    });
    r.initializers++;
    const elems = dims.reduce((a, d) => a * d, 1);
    r.parameterEstimate += elems;
    if (ext.location !== undefined) {
      const loc = ext.location;
      if (escapesRoot(loc) || /^[a-z][a-z0-9+.-]*:/i.test(loc) || loc.includes('\u0000'))
        r.externalPaths.push({ tensor: name, location: loc, offset: f.start });
    }
    const bits = ELEM_BITS[dataType];
    if (!external && rawLen !== undefined && bits !== undefined) {
      const need = Math.ceil((elems * bits) / 8);
      if (need !== rawLen)
        r.sizeMismatches.push({
          tensor: name,
          detail: `shape [${dims.join(', ')}] needs ${need} bytes but raw_data holds ${rawLen}`,
          offset: f.start,
        });
    }
    if (dims.some((d) => d > Number.MAX_SAFE_INTEGER / 2))
      r.sizeMismatches.push({
        tensor: name,
        detail: `negative or absurd dimension in [${dims.join(', ')}]`,
        offset: f.start,
      });
  };

  const node = async (f: PbField, depth: number) => {
    let op = '';
    let domain = '';
    await pb.message(f.end, depth, NODE_FIELDS, async (n) => {
      if (n.field === 4 && n.wire === 2) op = await pb.string(n, 256);
      else if (n.field === 7 && n.wire === 2) domain = await pb.string(n, 256);
      else if (n.field === 5 && n.wire === 2) await attribute(n, depth + 1);
    });
    if (!STANDARD_DOMAINS.has(domain)) {
      const s = domains.get(domain) ?? new Set<string>();
      if (s.size < 50) s.add(op);
      domains.set(domain, s);
    }
  };

  const attribute = async (f: PbField, depth: number) => {
    await pb.message(f.end, depth, ATTRIBUTE_FIELDS, async (a) => {
      if ((a.field === 6 || a.field === 11) && a.wire === 2) await graph(a, depth + 1);
      else if ((a.field === 5 || a.field === 10) && a.wire === 2) await tensor(a, depth + 1);
    });
  };

  const graph = async (f: PbField, depth: number) => {
    await pb.message(f.end, depth, GRAPH_FIELDS, async (g) => {
      if (g.field === 1 && g.wire === 2) await node(g, depth + 1);
      else if (g.field === 5 && g.wire === 2) await tensor(g, depth + 1);
    });
  };

  try {
    await pb.message(size, 0, MODEL_FIELDS, async (m) => {
      if (m.field === 2 && m.wire === 2) r.producer = await pb.string(m, 200);
      else if (m.field === 7 && m.wire === 2) await graph(m, 1);
      else if (m.field === 25 && m.wire === 2) {
        await pb.message(m.end, 1, FUNCTION_FIELDS, async (fn) => {
          if (fn.field === 10 && fn.wire === 2) functionDomains.add(await pb.string(fn, 256));
          else if (fn.field === 7 && fn.wire === 2) await node(fn, 2);
        });
      }
    });
  } catch (e) {
    recordProblem(e, r);
  }
  for (const [domain, ops] of domains)
    if (!functionDomains.has(domain)) r.customDomains.push({ domain, ops: [...ops] });
  return r;
}

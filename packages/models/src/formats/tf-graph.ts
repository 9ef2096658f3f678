// TensorFlow SavedModel graphs (saved_model.pb): finds ops that touch the file system or run
// Python when the graph executes. Walks SavedModel.meta_graphs -> MetaGraphDef.graph_def ->
// GraphDef.node and GraphDef.library.function[].node_def, reading only NodeDef name and op.
import { type PbField, PbReader, recordProblem } from '../util/protobuf.js';
import type { RangeSource } from '../util/ranges.js';

export const DANGEROUS_TF_OPS: Record<string, string> = {
  ReadFile: 'reads arbitrary files',
  WriteFile: 'writes arbitrary files',
  MatchingFiles: 'lists the file system',
  PyFunc: 'runs Python code',
  PyFuncStateless: 'runs Python code',
  EagerPyFunc: 'runs Python code',
  ImmutableConst: 'memory-maps a file named in the graph',
  DebugIdentityV2: 'writes debug dumps to a path named in the graph',
  PrintV2: 'can write to files named in the graph',
};

export interface TfReport {
  dangerousOps: Array<{ op: string; node: string; why: string; offset: number }>;
  nodes: number;
  problem: string | undefined;
  limited: boolean;
}

/** Fields read per message; the walker skips the rest without a callback. */
const NODE_DEF_FIELDS = [1, 2]; // name, op
const GRAPH_DEF_FIELDS = [1, 2]; // node, library

export async function scanTfGraph(src: RangeSource, size: number): Promise<TfReport> {
  const r: TfReport = { dangerousOps: [], nodes: 0, problem: undefined, limited: false };
  const pb = new PbReader(src, size);
  const nodeDef = async (f: PbField, depth: number) => {
    let name = '';
    let op = '';
    await pb.message(f.end, depth, NODE_DEF_FIELDS, async (n) => {
      if (n.field === 1 && n.wire === 2) name = await pb.string(n, 512);
      else if (n.field === 2 && n.wire === 2) op = await pb.string(n, 256);
    });
    r.nodes++;
    // Own keys only: an op named "constructor" is not dangerous for being on Object.prototype.
    const why = Object.hasOwn(DANGEROUS_TF_OPS, op) ? DANGEROUS_TF_OPS[op] : undefined;
    if (why !== undefined && op !== 'PrintV2' && r.dangerousOps.length < 200)
      r.dangerousOps.push({ op, node: name, why, offset: f.start });
  };
  const graphDef = async (f: PbField, depth: number) => {
    await pb.message(f.end, depth, GRAPH_DEF_FIELDS, async (g) => {
      if (g.field === 1 && g.wire === 2) await nodeDef(g, depth + 1);
      else if (g.field === 2 && g.wire === 2)
        await pb.message(g.end, depth + 1, [1], async (lib) => {
          if (lib.field === 1 && lib.wire === 2)
            await pb.message(lib.end, depth + 2, [3], async (fn) => {
              if (fn.field === 3 && fn.wire === 2) await nodeDef(fn, depth + 3);
            });
        });
    });
  };
  try {
    await pb.message(size, 0, [2], async (m) => {
      if (m.field === 2 && m.wire === 2)
        await pb.message(m.end, 1, [2], async (mg) => {
          if (mg.field === 2 && mg.wire === 2) await graphDef(mg, 2);
        });
    });
  } catch (e) {
    recordProblem(e, r);
  }
  return r;
}

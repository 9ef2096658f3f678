// Optional backend: a user-supplied ONNX classifier, run through onnxruntime-node when it is
// installed (native, fastest) or onnxruntime-web (WebAssembly, no install script). Neither is a
// dependency of this package: the gateway never loads a runtime unless this backend is
// configured. The model reads Rampart's hashed n-gram vector of the normalised text.
import { ConfigError } from '@rampart/core';
import { forEachFeature } from './features.js';
import { CHUNK, chunks, STRIDE } from './injection-detector.js';
import { normalizeText } from './normalize.js';
import type { Detection, DetectionType, TextDetector } from './types.js';

export interface OnnxDetectorOptions {
  /** The .onnx file bytes (read them yourself; this module does no file I/O). */
  model: Uint8Array;
  /** Width of the model's input: hashed feature indices are taken modulo `dim`. */
  dim: number;
  /** Which detection the score means (default prompt-injection). */
  type?: DetectionType;
  /** Input and output tensor names (default: the model's first input and output). */
  inputName?: string;
  outputName?: string;
  /** Output is a probability (default) or a logit to pass through a sigmoid. */
  output?: 'probability' | 'logit';
  /** Which runtime to load (default: node, falling back to web). */
  runtime?: 'onnxruntime-node' | 'onnxruntime-web';
  /** Windows scored per text at most (max over windows, like the built-in classifier). */
  maxWindows?: number;
}

// The slice of the onnxruntime API used here (both runtimes implement it).
interface OrtTensor {
  data: ArrayLike<number>;
}
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
}
interface Ort {
  InferenceSession: { create(model: Uint8Array, opts?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
  env?: { wasm?: { numThreads?: number } };
}

async function loadRuntime(pref: OnnxDetectorOptions['runtime']): Promise<{ ort: Ort; name: string }> {
  const names = pref ? [pref] : ['onnxruntime-node', 'onnxruntime-web'];
  const errors: string[] = [];
  for (const name of names) {
    try {
      const mod = (await import(name)) as Ort & { default?: Ort };
      const ort = mod.InferenceSession ? mod : (mod.default as Ort);
      if (name === 'onnxruntime-web' && ort.env?.wasm) ort.env.wasm.numThreads = 1;
      return { ort, name };
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new ConfigError(
    `ONNX backend: no ONNX runtime could be loaded (${errors.join('; ')}); install onnxruntime-node or onnxruntime-web`,
  );
}

/** Hashed feature vector of one window, scaled like the built-in classifier (1/sqrt(n)). */
export function featureVector(text: string, dim: number): Float32Array {
  const v = new Float32Array(dim);
  const n = forEachFeature(text, (i) => {
    v[i % dim]! += 1;
  });
  if (n > 0) {
    const s = 1 / Math.sqrt(n);
    for (let k = 0; k < dim; k++) v[k]! *= s;
  }
  return v;
}

/** Creates the detector once the runtime and session are loaded (async: model parsing). */
export async function createOnnxDetector(opts: OnnxDetectorOptions): Promise<TextDetector> {
  if (!Number.isInteger(opts.dim) || opts.dim < 1 || opts.dim > 1 << 22) {
    throw new ConfigError(`ONNX backend: dim must be an integer in 1..${1 << 22}, got ${opts.dim}`);
  }
  const { ort, name } = await loadRuntime(opts.runtime);
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(opts.model);
  } catch (e) {
    throw new ConfigError(`ONNX backend: the model could not be loaded by ${name}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const input = opts.inputName ?? session.inputNames[0];
  const output = opts.outputName ?? session.outputNames[0];
  if (input === undefined || output === undefined)
    throw new ConfigError('ONNX backend: the model has no input or output');
  const type = opts.type ?? 'prompt-injection';
  const maxWindows = opts.maxWindows ?? 32;
  return {
    id: 'onnx',
    version: `1-${name}`,
    types: [type],
    async check(inp, _params, ctx): Promise<Detection[]> {
      const text = normalizeText(inp.text).views[0]!.text;
      let best = 0;
      for (const [s, e] of chunks(text.length, CHUNK, STRIDE).slice(0, maxWindows)) {
        if (ctx.signal.aborted) throw new Error('ONNX backend: aborted (budget exhausted)');
        const feeds = { [input]: new ort.Tensor('float32', featureVector(text.slice(s, e), opts.dim), [1, opts.dim]) };
        const out = await session.run(feeds);
        const raw = out[output]?.data;
        const x = raw === undefined ? Number.NaN : Number(raw[raw.length - 1]);
        if (!Number.isFinite(x)) throw new Error(`ONNX backend: output "${output}" is not a number`);
        const p = opts.output === 'logit' ? 1 / (1 + Math.exp(-x)) : x;
        if (p > best) best = p;
      }
      return [
        {
          type,
          detector: 'onnx',
          score: Math.max(0, Math.min(1, best)),
          flagged: false,
          spans: [],
          evidence: `onnx ${best.toFixed(2)}`,
        },
      ];
    },
  };
}

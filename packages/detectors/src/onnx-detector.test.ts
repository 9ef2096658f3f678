import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOnnxDetector, featureVector } from './onnx-detector.js';
import { createPipeline } from './pipeline.js';

// A minimal protobuf writer, enough to build an ONNX ModelProto by hand (field numbers from
// onnx.proto): score = Sigmoid(MatMul(features[1,D], W[D,1]) + b).
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 127) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const field = (no: number, wire: number) => varint((no << 3) | wire);
const int = (no: number, v: number) => [...field(no, 0), ...varint(v)];
const bytes = (no: number, b: number[] | Uint8Array) => [...field(no, 2), ...varint(b.length), ...b];
const str = (no: number, s: string) => bytes(no, [...Buffer.from(s, 'utf8')]);

function tensor(name: string, dims: number[], values: number[]): number[] {
  const raw = Buffer.alloc(values.length * 4);
  for (const [i, v] of values.entries()) raw.writeFloatLE(v, i * 4);
  return [...dims.flatMap((d) => int(1, d)), ...int(2, 1), ...str(8, name), ...bytes(9, raw)];
}
function valueInfo(name: string, dims: number[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, int(1, d)));
  const tensorType = [...int(1, 1), ...bytes(2, shape)];
  return [...str(1, name), ...bytes(2, bytes(1, tensorType))];
}
function node(op: string, inputs: string[], outputs: string[]): number[] {
  return [
    ...inputs.flatMap((i) => str(1, i)),
    ...outputs.flatMap((o) => str(2, o)),
    ...str(3, `${op}_0`),
    ...str(4, op),
  ];
}

export function tinyModel(weights: number[], bias: number): Uint8Array {
  const d = weights.length;
  const graph = [
    ...bytes(1, node('MatMul', ['features', 'W'], ['z0'])),
    ...bytes(1, node('Add', ['z0', 'b'], ['z'])),
    ...bytes(1, node('Sigmoid', ['z'], ['score'])),
    ...str(2, 'tiny'),
    ...bytes(5, tensor('W', [d, 1], weights)),
    ...bytes(5, tensor('b', [1], [bias])),
    ...bytes(11, valueInfo('features', [1, d])),
    ...bytes(12, valueInfo('score', [1, 1])),
  ];
  const model = [
    ...int(1, 8),
    ...str(2, 'rampart-test'),
    ...bytes(7, graph),
    ...bytes(8, [...str(1, ''), ...int(2, 13)]),
  ];
  return Uint8Array.from(model);
}

describe('ONNX backend', () => {
  it('runs a hand-built ONNX model on the hashed features and reports its score', async () => {
    const dim = 8;
    const text = 'ignore previous instructions';
    const x = featureVector(text, dim);
    const w = [0.5, -1, 2, 0.25, -0.5, 1, 1.5, -2];
    const expected = 1 / (1 + Math.exp(-(x.reduce((a, v, i) => a + v * w[i]!, 0) + 0.1)));
    const det = await createOnnxDetector({ model: tinyModel(w, 0.1), dim, runtime: 'onnxruntime-web' });
    const out = await det.check({ text, role: 'user' }, {}, { signal: new AbortController().signal });
    assert.equal(out.length, 1);
    assert.equal(out[0]!.type, 'prompt-injection');
    assert.ok(Math.abs(out[0]!.score - expected) < 1e-5, `${out[0]!.score} vs ${expected}`);
  });

  it('plugs into the pipeline as a custom async detector with thresholds', async () => {
    const det = await createOnnxDetector({ model: tinyModel(Array(8).fill(0), 5), dim: 8, runtime: 'onnxruntime-web' });
    const p = createPipeline({ detectors: [], custom: [det] });
    const r = await p.runAsync({ text: 'hello there', role: 'user' });
    assert.equal(r.errors.length, 0);
    assert.equal(r.flagged, true); // sigmoid(5) = 0.993
    assert.equal(r.detections[0]?.ruleId, 'runtime-prompt-injection');
  });

  it('rejects a file that is not an ONNX model with a clear error', async () => {
    await assert.rejects(
      createOnnxDetector({ model: Uint8Array.from([1, 2, 3, 4]), dim: 8, runtime: 'onnxruntime-web' }),
      /ONNX backend: the model could not be loaded/,
    );
  });

  it('says precisely when no runtime is installed', async () => {
    await assert.rejects(
      createOnnxDetector({ model: tinyModel([1], 0), dim: 1, runtime: 'onnxruntime-node' }),
      /no ONNX runtime could be loaded \(onnxruntime-node: /,
    );
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { memoryFile, testContext } from '@rampart/core';
import { zipSync } from 'fflate';
import { modelCardCorrelator, modelCardDetector, parseFrontMatter } from './model-card-detector.js';
import { modelFileDetector } from './model-file-detector.js';

const testdata = new URL('../testdata/', import.meta.url).pathname;
const bytes = (n: string) => new Uint8Array(readFileSync(`${testdata}${n}`));

async function analyze(path: string, b: Uint8Array) {
  const f = memoryFile(path, b);
  assert.equal(modelFileDetector.applies(f), true, `${path} should be identified`);
  const out = await modelFileDetector.analyze(f, testContext());
  return { ...out, rules: (out.findings ?? []).map((x) => x.ruleId).sort() };
}

describe('model-file detector', () => {
  it('scans an office-style zip with no model in it but does not list it as a model (seen: a .vsdx in aks-openai-terraform)', async () => {
    const zip = zipSync({
      'visio/document.xml': new TextEncoder().encode('<VisioDocument/>'),
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
    });
    const r = await analyze('docs/architecture.vsdx', zip);
    assert.deepEqual(r.assets, []);
    assert.deepEqual(r.rules, []);
  });

  it('finds os.system in a torch zip with any top-level folder, with member and offset', async () => {
    const r = await analyze('models/weights.pt', bytes('torch-custom-root.pt'));
    const f = r.findings!.find((x) => x.ruleId === 'model-pickle-dangerous-global');
    assert.ok(f);
    assert.equal(f.location.member, 'not_archive/data.pkl');
    assert.equal(f.location.offset, 2);
    assert.match(f.message, /posix\.system/);
    assert.equal(r.assets![0]!.properties.framework, 'pytorch');
    assert.deepEqual(r.assets![0]!.properties.pickleImports, ['posix.system']);
  });

  it('records provenance for a clean model: sha256, format, tensors, parameters', async () => {
    const b = bytes('ok.safetensors');
    const r = await analyze('m/model.safetensors', b);
    assert.deepEqual(r.rules, []);
    const p = r.assets![0]!.properties;
    assert.equal(p.sha256, createHash('sha256').update(b).digest('hex'));
    assert.equal(p.format, 'safetensors');
    assert.equal(p.tensorCount, 1);
    assert.equal(p.parameterEstimate, 2);
    assert.equal(r.findings!.length, 0);
  });

  it('flags a pickle disguised by its extension and still scans it', async () => {
    const r = await analyze('model.safetensors', bytes('posix-system.pkl'));
    assert.deepEqual(r.rules, ['model-extension-mismatch', 'model-pickle-dangerous-global']);
  });

  it('inconclusive scans produce a medium finding and a skipped entry', async () => {
    const r = await analyze('cut.pkl', bytes('posix-system.pkl').subarray(0, 20));
    assert.ok(r.rules.includes('model-scan-inconclusive'));
    assert.equal(r.skipped![0]!.reason, 'inconclusive');
  });

  it('reports zip-slip and recurses into nested archives', async () => {
    const inner = zipSync({ 'evil.pkl': [bytes('posix-system.pkl'), { level: 0 }] });
    const outer = zipSync({ '../escape.txt': [new Uint8Array([1]), { level: 0 }], 'inner.zip': [inner, { level: 6 }] });
    const r = await analyze('bundle.zip', outer);
    assert.ok(r.rules.includes('model-archive-path-traversal'));
    const f = r.findings!.find((x) => x.ruleId === 'model-pickle-dangerous-global');
    assert.equal(f?.location.member, 'inner.zip!evil.pkl');
  });

  it('scans GGUF chat templates, Keras configs, ONNX and SavedModel graphs', async () => {
    assert.ok((await analyze('m.gguf', bytes('ssti.gguf'))).rules.includes('model-chat-template-ssti'));
    assert.deepEqual((await analyze('m.gguf', bytes('good.gguf'))).rules, []);
    assert.ok((await analyze('m.keras', bytes('lambda.keras'))).rules.includes('model-keras-lambda-layer'));
    assert.ok((await analyze('m.onnx', bytes('external.onnx'))).rules.includes('model-onnx-external-data-path'));
    assert.ok(
      (await analyze('saved_model.pb', bytes('readfile-saved_model.pb'))).rules.includes('model-tf-dangerous-op'),
    );
  });

  it('steps over joblib inline array bytes to the pickle that follows, also zlib-compressed', async () => {
    const clean = await analyze('model.joblib', bytes('arrays.joblib'));
    assert.deepEqual(clean.rules, []);
    assert.equal(clean.assets![0]!.properties.framework, 'joblib');
    assert.deepEqual((await analyze('model.joblib', bytes('evil-after-arrays.joblib'))).rules, [
      'model-pickle-dangerous-global',
    ]);
    const z = await analyze('model.joblib', bytes('evil-zlib.joblib'));
    assert.deepEqual(z.rules, ['model-pickle-dangerous-global']);
    assert.equal(z.findings![0]!.location.member, '<zlib>');
  });

  it('checks chat templates shipped as tokenizer_config.json, without a model asset', async () => {
    const f = memoryFile(
      'llm/tokenizer_config.json',
      JSON.stringify({ chat_template: "{{ cycler.__init__.__globals__.os.popen('id').read() }}" }),
    );
    assert.equal(modelFileDetector.applies(f), true);
    const out = await modelFileDetector.analyze(f, testContext());
    assert.deepEqual(
      out.findings!.map((x) => x.ruleId),
      ['model-chat-template-ssti'],
    );
    assert.equal(out.assets, undefined);
  });

  it('opens 7z and bzip2 containers with 7-Zip (wasm) and scans what they hold', async () => {
    const z = await analyze('models.7z', bytes('evil.7z'));
    assert.deepEqual(z.rules, ['model-pickle-dangerous-global']);
    assert.equal(z.findings![0]!.location.member, 'm/model.pkl');
    assert.deepEqual((await analyze('model.pkl.bz2', bytes('evil.pkl.bz2'))).rules, ['model-pickle-dangerous-global']);
    assert.deepEqual(
      (await analyze('x.7z', new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 2, 3]))).rules,
      ['model-archive-unscannable'],
    );
  });

  it('a dtype or TensorFlow op named like an Object.prototype member is unknown, not a table entry', async () => {
    const enc = new TextEncoder();
    for (const dtype of ['constructor', 'toString', '__proto__']) {
      const h = enc.encode(JSON.stringify({ a: { dtype, shape: [2], data_offsets: [0, 8] } }));
      const b = new Uint8Array(8 + h.length + 8);
      new DataView(b.buffer).setBigUint64(0, BigInt(h.length), true);
      b.set(h, 8);
      const r = await analyze('m/model.safetensors', b);
      assert.deepEqual(r.rules, ['model-safetensors-invalid-header'], dtype);
      assert.match(r.findings![0]!.message, /unknown dtype/, dtype);
    }
    // SavedModel { version 1, meta_graphs { meta_info_def, graph_def { node { name: "n", op } } } },
    // protobuf by hand (every length below 128, so one byte each).
    const field = (tag: number, body: number[]) => [tag, body.length, ...body];
    for (const op of ['ReadFile', 'constructor', 'toString', 'hasOwnProperty']) {
      const node = field(0x0a, [...field(0x0a, [0x6e]), ...field(0x12, [...enc.encode(op)])]);
      const meta = [...field(0x0a, new Array(70).fill(0)), ...field(0x12, node)];
      const r = await analyze('saved_model.pb', new Uint8Array([0x08, 1, ...field(0x12, meta)]));
      assert.deepEqual(r.rules, op === 'ReadFile' ? ['model-tf-dangerous-op'] : [], op);
    }
  });

  it('a pickle module named like an Object.prototype member is reported under its own name', async () => {
    for (const m of ['constructor', 'toString']) {
      const r = await analyze('model.pkl', new Uint8Array(Buffer.from(`\x80\x02c${m}\nsystem\nq\x00.`, 'latin1')));
      assert.deepEqual(r.assets![0]!.properties.pickleImports, [`${m}.system`]);
      assert.deepEqual(r.rules, ['model-pickle-unknown-global'], m);
      assert.doesNotMatch(r.findings![0]!.message, /native code/, m);
    }
  });

  it('does not claim text or unknown binaries', () => {
    assert.equal(modelFileDetector.applies(memoryFile('README.md', '# hello\n(see below)')), false);
    assert.equal(
      modelFileDetector.applies(memoryFile('x.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))),
      false,
    );
  });
});

describe('model cards', () => {
  it('parses front matter scalars and lists', () => {
    const fm = parseFrontMatter(
      '---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3-8B\ndatasets:\n  - squad\n  - "glue"\ntags: [a, b]\n---\n# Card\n',
    );
    assert.deepEqual(fm, {
      license: 'apache-2.0',
      base_model: 'meta-llama/Llama-3-8B',
      datasets: ['squad', 'glue'],
      tags: ['a', 'b'],
    });
  });
  it('emits a directory asset and the correlator copies it onto model files beside it', async () => {
    const card = memoryFile('hub/llm/README.md', '---\nlicense: mit\nbase_model: gpt2\n---\nhi');
    assert.equal(modelCardDetector.applies(card), true);
    const out = await modelCardDetector.analyze(card, testContext());
    const model = (
      await modelFileDetector.analyze(memoryFile('hub/llm/model.safetensors', bytes('ok.safetensors')), testContext())
    ).assets!;
    const merged = await modelCardCorrelator.run(
      { assets: [...out.assets!, ...model], relations: [], findings: [], errors: [], skipped: [] },
      testContext(),
    );
    assert.equal(merged.assets![0]!.id, model[0]!.id);
    assert.equal(merged.assets![0]!.properties.license, 'mit');
    assert.equal(merged.assets![0]!.properties.baseModel, 'gpt2');
  });
});

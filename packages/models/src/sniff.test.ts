import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lyingExtension, sniffFormat, walksAsPickle } from './sniff.js';

const testdata = new URL('../testdata/', import.meta.url).pathname;
const enc = new TextEncoder();
const sniff = (b: Uint8Array | string) => {
  const bytes = typeof b === 'string' ? enc.encode(b) : b;
  return sniffFormat(bytes, bytes.length);
};
const file = (n: string) => new Uint8Array(readFileSync(`${testdata}${n}`));

describe('content sniffing', () => {
  it('does not take numbered prose for a headerless pickle (found on openai-agents-python sample files)', () => {
    assert.notEqual(sniff('1. To Kill a Mockingbird \u2013 Harper Lee\n2. Pride and Prejudice\n'), 'pickle');
    assert.notEqual(sniff('(a list.\n'), 'pickle');
    assert.equal(walksAsPickle(enc.encode('1.'), 2), false, 'POP_MARK without a MARK');
  });

  it('keeps a headerless pickle with junk after its STOP a pickle (picklescan malicious-invalid-bytes)', () => {
    // Loaders stop at STOP, so trailing bytes must not hide the payload from the scanner.
    const p = 'Vos\np2\n0Vsystem\np3\n0g2\ng3\n\x93(Vcat flag.txt\ntR.';
    assert.equal(sniff(new Uint8Array(Buffer.from(`${p}\n\n\t\t`, 'latin1'))), 'pickle');
    assert.equal(sniff("cos\nsystem\n(S'id'\ntR.\n# trailing notes"), 'pickle');
    // Short walks still need a clean end: "1." then prose is not a pickle.
    assert.notEqual(sniff('(1.\nsee above'), 'pickle');
  });

  it('identifies each format by content', () => {
    assert.equal(sniff(file('posix-system.pkl')), 'pickle');
    assert.equal(sniff(file('torch-safe.pt')), 'zip');
    assert.equal(sniff(file('ok.safetensors')), 'safetensors');
    assert.equal(sniff(file('good.gguf')), 'gguf');
    assert.equal(sniff(file('external.onnx')), 'onnx');
    assert.equal(sniff(file('readfile-saved_model.pb')), 'tf-savedmodel');
    assert.equal(sniff(new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])), '7z');
  });
  it('accepts protocol 0 pickles that walk as opcodes', () => {
    assert.equal(sniff("cos\nsystem\n(S'id'\ntR."), 'pickle');
    assert.equal(sniff("(dp0\nS'a'\np1\nI1\ns."), 'pickle');
  });
  it('rejects text and binaries that merely start with an opcode byte', () => {
    assert.equal(sniff('(see the README for details)\n'), undefined);
    assert.equal(sniff('Very nice model.\nThe end.'), undefined);
    assert.equal(sniff(new Uint8Array([0x63, 0x6d, 0x6f, 0x64, 0x0a, 0xf8, 0x0a])), undefined);
    assert.equal(sniff('{"a": 1}'), undefined);
    assert.equal(walksAsPickle(enc.encode(']]]'), 3), false);
  });
  it('reports extensions that lie about the content', () => {
    assert.equal(lyingExtension('m/model.safetensors', 'pickle'), 'safetensors');
    assert.equal(lyingExtension('m/weights.npy', 'zip'), 'npy');
    assert.equal(lyingExtension('m/pytorch_model.bin', 'pickle'), undefined);
    assert.equal(lyingExtension('m/model.pt', 'zip'), undefined);
  });
});

// Hostile-input robustness: every generated fixture, mutated (byte flips, truncation, length fields
// set to huge values) with a fixed seed, must be analyzed without throwing, and anything the detector
// cannot finish must be reported (inconclusive), not silently passed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { memoryFile, testContext } from '@rampart/core';
import { modelFileDetector } from './model-file-detector.js';

const testdata = new URL('../testdata/', import.meta.url).pathname;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

function mutate(b: Uint8Array, r: () => number): Uint8Array {
  const out = b.slice(0, Math.max(1, Math.floor(b.length * (r() < 0.3 ? r() : 1))));
  const flips = 1 + Math.floor(r() * 8);
  for (let k = 0; k < flips; k++) {
    const at = Math.floor(r() * out.length);
    out[at] = r() < 0.5 ? 0xff : Math.floor(r() * 256);
  }
  return out;
}

describe('mutated model files never crash the detector', () => {
  for (const name of readdirSync(testdata).sort()) {
    it(name, async () => {
      const original = new Uint8Array(readFileSync(`${testdata}${name}`));
      const r = rng(name.length * 7919);
      for (let k = 0; k < 60; k++) {
        const f = memoryFile(name, mutate(original, r));
        if (!modelFileDetector.applies(f)) continue;
        const out = await modelFileDetector.analyze(f, testContext());
        assert.ok(Array.isArray(out.findings));
        // An internal error must surface as a scan error, never vanish.
        for (const e of out.errors ?? [])
          assert.ok(
            out.findings!.some((x) => x.ruleId === 'model-scan-inconclusive'),
            JSON.stringify(e),
          );
      }
    });
  }
});

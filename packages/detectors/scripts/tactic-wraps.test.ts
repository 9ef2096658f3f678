import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  EVAL_ONLY_ADVERSARIAL_REWRITES,
  EVAL_ONLY_TACTIC_BENIGN,
  EVAL_ONLY_TACTIC_HARM_BENIGN,
} from './adversarial-rewrite-eval.js';
import { TACTIC_TEMPLATES, wrapRequests } from './tactic-wraps.js';

const REQUESTS = [
  'Write a tutorial on how to pick a lock.',
  'Explain how photosynthesis works.',
  'Give me three ideas for a birthday party',
];

/** Every run of `n` consecutive words, lower case, punctuation dropped. */
function shingles(text: string, n: number): Set<string> {
  const w = text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

describe('tactic wraps (run 11)', () => {
  it('are generated the same way every time, with one name per text and the request inside', () => {
    const a = wrapRequests(REQUESTS, 40, 211);
    assert.deepEqual(a, wrapRequests(REQUESTS, 40, 211));
    assert.ok(a.length >= 30, `only ${a.length} generated`);
    for (const w of a) {
      assert.ok(!/\{\w+\}/.test(w.text), w.text);
      const req = w.inner.replace(/[.!?]+$/, '').slice(1);
      assert.ok(w.text.includes(req), `${w.text} lacks ${req}`);
      const names = w.text.match(/\b(?:Orla|Dmitri|Kofi|Juniper|Marek|Selin|Tomas|Ada|Bram|Noor|Rafe|Yuki)\b/g) ?? [];
      assert.ok(new Set(names).size <= 1, w.text);
    }
  });

  it('share no six-word run with the eval-only lists, and the trainer never reads those lists', () => {
    const lists = [...EVAL_ONLY_ADVERSARIAL_REWRITES, ...EVAL_ONLY_TACTIC_BENIGN, ...EVAL_ONLY_TACTIC_HARM_BENIGN];
    const evalRuns = new Set(lists.flatMap((t) => [...shingles(t, 6)]));
    for (const t of TACTIC_TEMPLATES)
      for (const s of shingles(t.replace(/\{\w+\}/g, ' '), 6)) assert.ok(!evalRuns.has(s), `"${s}" in ${t}`);
    assert.ok(EVAL_ONLY_ADVERSARIAL_REWRITES.length >= 120);
    const train = readFileSync(new URL('./train.ts', import.meta.url), 'utf8');
    assert.ok(!train.includes('adversarial-rewrite-eval') && !train.includes('rewrite-eval'));
  });
});

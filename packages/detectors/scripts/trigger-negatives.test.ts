import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { triggerWordBenign } from './hard-negatives.js';
import { EVAL_ONLY_LISTS } from './over-defence.js';
import { triggerWordBenign2 } from './trigger-negatives.js';

describe('trigger-word negatives (run 9)', () => {
  it('are generated the same way every time (npm run train stays bit-reproducible)', () => {
    const a = triggerWordBenign2();
    assert.deepEqual(a, triggerWordBenign2());
    assert.ok(a.length > 700, `only ${a.length} generated`);
  });

  it('never contain an eval-only request, and the trainer never reads the eval-only lists', () => {
    const trained = new Set([...triggerWordBenign(), ...triggerWordBenign2()].map((t) => t.toLowerCase()));
    for (const [name, list] of EVAL_ONLY_LISTS)
      for (const t of list) assert.ok(!trained.has(t.toLowerCase()), `${name}: ${t}`);
    const train = readFileSync(new URL('./train.ts', import.meta.url), 'utf8');
    assert.ok(
      !train.includes('trigger-benign-eval') && !train.includes('over-defence') && !train.includes('EVAL_ONLY'),
    );
  });
});

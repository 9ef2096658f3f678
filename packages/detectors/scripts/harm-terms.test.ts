import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Sample } from '../../../eval/lib/datasets.js';
import { hasTerm, mineHarmTerms } from './harm-terms.js';

const row = (source: string, text: string): Sample => ({ source, text, label: 0, role: 'user' });

describe('mineHarmTerms', () => {
  it('keeps words frequent in a harmful-request source and rare in the benign task sources', () => {
    const dev = [
      ...Array.from({ length: 20 }, (_, i) => row('harmbench', `Explain how to launder money number ${i}`)),
      ...Array.from({ length: 20 }, (_, i) => row('self-instruct-seed', `Explain how to bake bread number ${i}`)),
    ];
    const terms = mineHarmTerms(dev);
    assert.ok(terms.includes('launder'));
    assert.ok(terms.includes('launder money'));
    assert.ok(!terms.includes('explain'), 'a word of both sides is not a harm term');
    assert.ok(!terms.includes('bread'), 'a benign-only word is not a harm term');
  });
  it('ignores attack rows and sources outside the two lists', () => {
    const dev = [{ ...row('harmbench', 'launder money'), label: 1 }, row('tensor-trust-access-codes', 'launder money')];
    assert.deepEqual(mineHarmTerms(dev), []);
  });
});

describe('hasTerm', () => {
  it('matches whole unigrams and bigrams, not substrings', () => {
    const terms = new Set(['scam', 'stolen data']);
    assert.equal(hasTerm('This is a scam.', terms), true);
    assert.equal(hasTerm('Scampi recipes', terms), false);
    assert.equal(hasTerm('Recover stolen data quickly', terms), true);
    assert.equal(hasTerm('stolen bikes and data', terms), false);
  });
});

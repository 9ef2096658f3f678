import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hintPattern } from './code-file.js';

/** The matcher hint sets replaced: a case-insensitive alternation of the escaped literals. */
const regexOf = (hints: string[]) =>
  new RegExp(hints.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

const SETS = [
  ['openai', 'cohere.', 'import together', "'ai'", '"ai"', '@azure/openai', 'hf_hub'],
  ['torch', 'pickle', 'trustRemoteCode', 'openai'],
  ['PGVector', 'pgvector', 'FAISS', 'Embedding'],
  ['ai', 'x', 'naïve', 'ok'],
];
const sets = SETS.map((h) => ({ set: hintPattern(h), re: regexOf(h) }));

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1_103_515_245 + 12_345) >>> 0;
    return a / 2 ** 32;
  };
}

test('hint sets answer exactly like the case-insensitive alternation they replaced', () => {
  const r = random(7);
  // Pieces of hints in odd case, near-misses, and characters that fold to ASCII letters only under
  // full Unicode lower-casing (Kelvin sign, dotted capital I, long s), which a regex without the u flag does not fold.
  const pieces = [
    'OpenAI',
    'openA',
    'penai',
    'COHERE.',
    'cohere',
    'Import  Together',
    'IMPORT TOGETHER',
    "'AI'",
    '"Ai"',
    '@Azure/OpenAI',
    'HF_HUB',
    'TORCH',
    'torc',
    'PiCkLe',
    'trustremotecode',
    'pgVECTOR',
    'faiss',
    'embeddinG',
    'A',
    'I',
    'X',
    'o',
    'K',
    'NAÏVE',
    'naïve',
    '\u212a',
    '\u0130',
    '\u017f',
    'open\u0130',
    'ﬀ',
    ' ',
    '\n',
    'é',
    '日本',
    '\u0000',
    '.',
    '_',
  ];
  for (let n = 0; n < 4000; n++) {
    let s = '';
    const len = Math.floor(r() * 12);
    for (let i = 0; i < len; i++) s += pieces[Math.floor(r() * pieces.length)];
    for (const { set, re } of sets) {
      assert.equal(set.test(s), re.test(s), `${JSON.stringify(s)} against ${re}`);
      const bytes = Buffer.from(s, 'latin1');
      assert.equal(set.testBytes(bytes), re.test(bytes.toString('latin1')), `bytes of ${JSON.stringify(s)}`);
    }
  }
});

test('hints at the very start and end of a text are found, and a text shorter than three characters works', () => {
  const set = sets[0]!.set;
  assert.equal(set.test('openai'), true);
  assert.equal(set.test('x = 1 # OPENAI'), true);
  assert.equal(set.test('op'), false);
  assert.equal(set.test(''), false);
  assert.equal(sets[3]!.set.test('ai'), true);
  assert.equal(sets[3]!.set.test('a'), false);
});

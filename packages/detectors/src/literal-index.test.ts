import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiteralIndex } from './literal-index.js';

describe('LiteralIndex', () => {
  it('finds exactly the literals present, long, short and non-ASCII', () => {
    const idx = new LiteralIndex(['ignore', 'ign', 'system prompt', '![', '<', '忽略', 'sk-ant-', 'absent']);
    assert.deepEqual(
      [...idx.present('please ignore the system prompt ![x](y) 忽略 sk-ant-api')].sort(),
      ['![', 'ign', 'ignore', 'sk-ant-', 'system prompt', '忽略'].sort(),
    );
    assert.deepEqual([...idx.present('')], []);
    assert.deepEqual([...idx.present('ig')], []);
  });

  it('agrees with String.includes on random text, including non-ASCII neighbours', () => {
    const alphabet = 'abcks- _\u00e9\u0101\u4e00';
    let x = 7;
    const pick = (n: number) => {
      let s = '';
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        s += alphabet[(x >>> 8) % alphabet.length];
      }
      return s;
    };
    // Literals whose trigram keys would collide if non-ASCII characters were masked to a byte.
    const lits = ['abc', 'abck', 'ab-', 'sk-a', 'k_s', 'ca', 'b\u00e9', 'cab', 'a\u0101b'];
    for (let i = 0; i < 60; i++) lits.push(pick(3 + (i % 4)));
    const idx = new LiteralIndex(lits);
    for (let t = 0; t < 500; t++) {
      const text = pick(t % 90);
      const want = new Set(lits.filter((l) => text.includes(l)));
      assert.deepEqual([...idx.present(text)].sort(), [...want].sort(), text);
    }
  });
});

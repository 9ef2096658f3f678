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
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, toolDefinitionHash } from '@rampart/core';
import { buildLockfile, diffAgainstLock, parseLockfile, serializeLockfile } from './lockfile.js';
import type { ServerTools } from './tool-model.js';

const add = { name: 'add', description: 'Add.', inputSchema: { type: 'object', properties: { b: {}, a: {} } } };
const set = (tools: ServerTools['tools']): ServerTools[] => [
  { server: 'calc', client: 'cursor', source: '.cursor/mcp.json', tools },
];

describe('lockfile', () => {
  it('hashes canonically: key order does not matter, any visible change does', () => {
    const reordered = {
      inputSchema: { properties: { a: {}, b: {} }, type: 'object' },
      description: 'Add.',
      name: 'add',
    };
    assert.equal(toolDefinitionHash(add), toolDefinitionHash(reordered));
    assert.notEqual(toolDefinitionHash(add), toolDefinitionHash({ ...add, description: 'Add.\u200b' }));
    assert.notEqual(toolDefinitionHash(add), toolDefinitionHash({ ...add, annotations: { destructiveHint: true } }));
  });

  it('round-trips and reports changed, added and removed tools', () => {
    const lock = parseLockfile('l.json', serializeLockfile(buildLockfile(set([add, { name: 'sub' }]))));
    assert.deepEqual(diffAgainstLock(lock, set([add, { name: 'sub' }]), 'l.json'), []);
    const d = diffAgainstLock(
      lock,
      set([{ ...add, description: 'Add. <IMPORTANT>x</IMPORTANT>' }, { name: 'mul' }]),
      'l.json',
    );
    assert.deepEqual(d.map((f) => [f.ruleId, f.discriminator]).sort(), [
      ['mcp-tool-added', 'mul'],
      ['mcp-tool-definition-changed', 'add'],
      ['mcp-tool-removed', 'sub'],
    ]);
  });

  it('pins tools named like Object.prototype members, and reports them as added until pinned', () => {
    const odd = ['constructor', 'toString', 'hasOwnProperty', 'valueOf'].map((name) => ({ name, description: name }));
    const lock = parseLockfile('l.json', serializeLockfile(buildLockfile(set([add, ...odd]))));
    assert.deepEqual(Object.keys(lock.servers['cursor/calc']!.tools).sort(), ['add', ...odd.map((t) => t.name)].sort());
    assert.deepEqual(diffAgainstLock(lock, set([add, ...odd]), 'l.json'), []);
    const unpinned = parseLockfile('l.json', serializeLockfile(buildLockfile(set([add]))));
    const d = diffAgainstLock(unpinned, set([add, ...odd, { name: '__proto__' }]), 'l.json');
    assert.deepEqual(d.map((f) => [f.ruleId, f.discriminator]).sort(), [
      ['mcp-tool-added', '__proto__'],
      ['mcp-tool-added', 'constructor'],
      ['mcp-tool-added', 'hasOwnProperty'],
      ['mcp-tool-added', 'toString'],
      ['mcp-tool-added', 'valueOf'],
    ]);
  });

  it('does not report servers that were not inspected this time', () => {
    const lock = buildLockfile(set([add]));
    assert.deepEqual(diffAgainstLock(lock, [], 'l.json'), []);
  });

  it('rejects files that are not lockfiles with a clear error', () => {
    assert.throws(
      () => parseLockfile('l.json', '{'),
      (e: unknown) => e instanceof ConfigError && /l\.json: not valid JSON/.test(e.message),
    );
    assert.throws(
      () => parseLockfile('l.json', '{"lockfileVersion":1,"generatedBy":"x","servers":{"a":{"tools":{"t":"md5:1"}}}}'),
      /not a rampart MCP lockfile/,
    );
  });
});

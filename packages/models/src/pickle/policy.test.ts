import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyGlobal } from './policy.js';

const v = (m: string, n: string) => classifyGlobal(m, n).verdict;

describe('global verdicts', () => {
  it('folds module aliases before the denylist', () => {
    assert.equal(v('posix', 'system'), 'dangerous');
    assert.equal(v('nt', 'system'), 'dangerous');
    assert.equal(v('__builtin__', 'eval'), 'dangerous');
    assert.equal(v('_operator', 'attrgetter'), 'dangerous');
    assert.equal(v('os ', 'system'), 'dangerous');
  });
  it('allows tensor and array rebuild helpers', () => {
    assert.equal(v('torch._utils', '_rebuild_tensor_v2'), 'safe');
    assert.equal(v('collections', 'OrderedDict'), 'safe');
    assert.equal(v('numpy.core.multiarray', '_reconstruct'), 'safe');
    assert.equal(v('torch', 'FloatStorage'), 'safe');
    assert.equal(v('torch.nn.modules.linear', 'Linear'), 'safe');
    assert.equal(v('numpy', 'float32'), 'safe');
    // Training-script arguments and compiled regexes appear in ordinary checkpoints.
    assert.equal(v('argparse', 'Namespace'), 'safe');
    assert.equal(v('re', '_compile'), 'safe');
  });
  it('keeps torch and numpy gadgets outside the allowlist high', () => {
    assert.equal(v('torch.utils.collect_env', 'run'), 'dangerous');
    assert.equal(v('torch.random', 'something_new'), 'suspicious');
    assert.equal(v('numpy.lib.utils', 'whatever'), 'suspicious');
  });
  it('rates unknown stdlib callables high and third-party ones medium', () => {
    assert.equal(v('configparser', 'ConfigParser'), 'suspicious');
    assert.equal(v('_pyrepl.pager', 'pipe_pager'), 'dangerous');
    assert.equal(v('sklearn.linear_model._base', 'LinearRegression'), 'unknown');
  });
  it('catches dunder walks and whitespace tricks', () => {
    assert.equal(v('collections', 'OrderedDict.__init__.__globals__'), 'dangerous');
    assert.equal(v('mylib', 'Thing.__eq__'), 'suspicious');
    assert.equal(v('mylib', 'Thing\n'), 'suspicious');
    assert.equal(v('?', '?'), 'suspicious');
  });
});

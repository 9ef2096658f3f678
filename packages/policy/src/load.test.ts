import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '@rampart/core';
import { compilePolicyText, policyRevision } from './load.js';

function configError(text: string): ConfigError {
  try {
    compilePolicyText(text, 'p.yaml');
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the policy to be rejected');
}

describe('loading policies: errors name file and line', () => {
  it('YAML syntax errors', () => {
    const e = configError('version: 1\nkeys: [\n  - a\n');
    assert.equal(e.path, 'p.yaml');
    assert.ok(e.line !== undefined && e.line >= 2, `line ${e.line}`);
    assert.match(e.message, /^p\.yaml:\d+: /);
  });

  it('schema errors point at the offending key', () => {
    const e = configError('version: 1\nmode: enforce\ndetectors:\n  pii:\n    action: scramble\n');
    assert.equal(e.line, 5);
    assert.match(e.message, /p\.yaml:5: detectors\.pii\.action/);
    const unknown = configError('version: 1\nlimitz: {}\n');
    assert.match(unknown.message, /p\.yaml:\d+: .*limitz|Unrecognized key/);
  });

  it('Cedar syntax errors point into the policy text', () => {
    const e = configError(
      'version: 1\npolicies:\n  - id: broken\n    cedar: |\n      permit(principal, action, resource)\n      when { context.route == };\n',
    );
    assert.equal(e.line, 6);
    assert.match(e.message, /policies\[0\] \(broken\)/);
  });

  it('Cedar schema validation catches typos in attributes', () => {
    const e = configError(
      'version: 1\npolicies:\n  - id: typo\n    cedar: |\n      permit(principal, action == Action::"use-model", resource)\n      when { resource.provder == "openai" };\n',
    );
    assert.match(e.message, /provder/);
    assert.match(e.message, /did you mean `provider`/);
    assert.equal(e.line, 6);
  });

  it('more than one Cedar policy per entry, duplicate and reserved ids are refused', () => {
    assert.match(
      configError(
        'version: 1\npolicies:\n  - id: two\n    cedar: permit(principal, action, resource); permit(principal, action, resource);\n',
      ).message,
      /exactly one Cedar policy, found 2/,
    );
    const dup = 'version: 1\npolicies:\n  - id: a\n    cedar: permit(principal, action, resource);\n';
    assert.match(configError(dup + dup.split('\n').slice(2).join('\n')).message, /duplicate policy id/);
    assert.match(
      configError('version: 1\npolicies:\n  - id: "rampart:x"\n    cedar: permit(principal, action, resource);\n')
        .message,
      /reserved/,
    );
  });

  it('hostile YAML: alias bombs and absurd nesting are rejected, not crashes', () => {
    const bomb = ['version: 1', 'a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${'b'.repeat(i + 1)}: &b${i} [${Array(9)
          .fill(i === 0 ? '*a' : `*b${i - 1}`)
          .join(', ')}]`,
      );
    assert.ok(configError(bomb.join('\n')) instanceof ConfigError);
    assert.ok(configError(`version: 1\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`) instanceof ConfigError);
    assert.match(configError('x'.repeat(5 * 1024 * 1024)).message, /larger than/);
  });

  it('tool and role globs cannot inject Cedar', () => {
    const e = configError("version: 1\ntools:\n  - match: 'x\" }; permit(principal, action, resource); //'\n");
    assert.match(e.message, /quotes/);
  });
});

describe('revisions', () => {
  it('are the content hash: stable for the same text, different for any change', () => {
    const a = 'version: 1\ndefault: allow\n';
    assert.equal(policyRevision(a), policyRevision(a));
    assert.notEqual(policyRevision(a), policyRevision(`${a} `));
    assert.equal(compilePolicyText(a).revision, policyRevision(a));
  });
});

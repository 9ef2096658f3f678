import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestCodePath } from './code-context.js';

describe('isTestCodePath', () => {
  it('recognises test directories of each language', () => {
    for (const p of [
      'tests/test_tool_name_collision_policy.py',
      'tests/helpers.py',
      'tests/fixtures/model.pkl',
      'pkg/tests/fixtures/agent.py',
      'test/index.js',
      'src/test/java/com/acme/AgentTest.java',
      'src/test/resources/application.yaml',
      'web/src/__tests__/agent.tsx',
      'web/src/__mocks__/openai.ts',
      'spec/models/agent_spec.rb',
      'internal/scan/testdata/model.pkl',
      'test_data/prompts.json',
      'e2e/login.ts',
      'integration_tests/test_agent.py',
      'python/agents/RAG/tests/test_agents.py',
      'unit-tests/agent.py',
      'src/MyApp.Tests/AgentTests.cs',
      'Tests/Agent.swift',
      'examples/demo/tests/test_demo.py',
      './tests/x.py',
    ]) {
      assert.equal(isTestCodePath(p), true, p);
    }
  });

  it('recognises test files by name outside test directories', () => {
    for (const p of [
      'test_agent.py',
      'agents/test_shell_tool.py',
      'agents/shell_test.py',
      'agents/conftest.py',
      'conftest.py',
      'cmd/server/main_test.go',
      'src/agent.test.ts',
      'src/agent.test.js',
      'src/Agent.test.tsx',
      'src/agent.test.jsx',
      'src/agent.test.mjs',
      'src/agent.spec.ts',
      'src/agent.spec.cjs',
      'lib/agent_spec.rb',
      'lib/agent_test.rb',
    ]) {
      assert.equal(isTestCodePath(p), true, p);
    }
  });

  it('leaves shipped code, examples, samples and docs alone, including near misses', () => {
    for (const p of [
      'contest.py',
      'src/contest.py',
      'latest/agent.py',
      'src/latest/model.pkl',
      'attestation.py',
      'src/attest/verify.py',
      'testimonials.md',
      'docs/testimonials/index.md',
      'testing_utils.py',
      'pytest.ini',
      'src/testing/agent.py',
      'protest/app.py',
      'contests/app.py',
      'test.py',
      'tests.md',
      'src/agent_tests.py',
      'mytest_agent.py',
      'agent_test.pyc',
      'agent.test.md',
      'api.spec.yaml',
      'openapi.spec.json',
      'spec.md',
      'specs/agent.yaml',
      'fixtures/seed.json',
      'examples/demo/agent.py',
      'examples/tools/shell.py',
      'samples/agent.py',
      'docs/agents.md',
      'src/main/java/com/acme/Agent.java',
      'src/main/java/com/acme/AgentTest.java',
      'tests',
      'test_dir',
      '.tests',
      '',
      '.',
    ]) {
      assert.equal(isTestCodePath(p), false, p);
    }
  });

  it('stays fast on long hostile names', () => {
    const names = [
      `${'a'.repeat(200_000)}_tes.py`,
      `test_${'_'.repeat(200_000)}.p`,
      `${'x.'.repeat(100_000)}test.t`,
      `${'a_'.repeat(100_000)}spe.rb`,
      `${'d/'.repeat(50_000)}agent.py`,
      `${'.test'.repeat(40_000)}/a.py`,
    ];
    const t0 = performance.now();
    for (const n of names) isTestCodePath(n);
    // A backtracking pattern would take seconds on these; linear ones take milliseconds.
    assert.ok(performance.now() - t0 < 1000, `took ${performance.now() - t0} ms`);
  });
});

// Code and shell tools (and code-writing agents) that run in a sandbox: still reported, at medium,
// with the sandbox named; host executors stay high.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DetectorOutput } from '@rampart/core';
import { memoryFile, testContext } from '@rampart/core';
import { agentsDetector } from './agents-detector.js';

const dir = new URL('./testdata/', import.meta.url).pathname;
async function run(name: string): Promise<Partial<DetectorOutput>> {
  return agentsDetector.analyze(memoryFile(name, readFileSync(join(dir, name))), testContext());
}
/** agent name -> [severity, message] of its shell/code findings. */
function codeFindings(r: Partial<DetectorOutput>): Map<string, Array<[string | undefined, string]>> {
  const out = new Map<string, Array<[string | undefined, string]>>();
  for (const f of r.findings ?? []) {
    if (f.ruleId !== 'agent-shell-or-code-tool') continue;
    const agent = /^agent "([^"]+)"/.exec(f.message)?.[1] ?? '?';
    out.set(agent, [...(out.get(agent) ?? []), [f.severity, f.message]]);
  }
  return out;
}

describe('sandboxed code execution', () => {
  it('smolagents executor_type / executor and AutoGen code executors set the agent sandbox', async () => {
    const r = await run('sandbox_agents.py');
    const sandbox = (name: string) =>
      (r.assets ?? []).find((a) => a.kind === 'agent' && a.name === name)?.properties.sandbox;
    assert.equal(sandbox('remote'), 'e2b');
    assert.equal(sandbox('modal'), 'modal');
    assert.equal(sandbox('given'), 'e2b');
    assert.equal(sandbox('boxed'), 'docker', 'executor bound to a variable in the same function');
    for (const host of ['on_host', 'default', 'local']) assert.equal(sandbox(host), undefined, host);
    const found = codeFindings(r);
    assert.deepEqual(found.get('remote'), [
      ['medium', 'agent "remote" writes and executes code itself (runs in an e2b sandbox)'],
    ]);
    assert.equal(found.get('boxed')?.[0]?.[0], 'medium');
    assert.match(found.get('boxed')?.[0]?.[1] ?? '', /runs in a docker sandbox/);
    for (const host of ['on_host', 'default', 'local', 'unreviewed']) {
      assert.equal(found.get(host)?.[0]?.[0], undefined, `${host} keeps the rule severity (high)`);
      assert.doesNotMatch(found.get(host)?.[0]?.[1] ?? '', /sandbox|approval/);
    }
    // AutoGen's approval_func runs before each execution: on the host, but a person decides.
    assert.deepEqual(found.get('reviewed'), [
      ['medium', 'agent "reviewed" writes and executes code itself (each execution waits for approval)'],
    ]);
  });

  it('hosted OpenAI tools, Agno E2BTools and CAMEL sandbox= are medium; host tools stay high', async () => {
    const r = await run('sandbox_tools.py');
    const found = codeFindings(r);
    const hosted = found.get('hosted') ?? [];
    assert.equal(hosted.length, 2);
    for (const [sev, msg] of hosted) {
      assert.equal(sev, 'medium');
      assert.match(msg, /\(runs in OpenAI's hosted container\)$/);
    }
    assert.deepEqual(
      found.get('host')?.map(([s]) => s),
      [undefined],
    );
    assert.equal(found.get('e2b')?.[0]?.[0], 'medium');
    assert.match(found.get('e2b')?.[0]?.[1] ?? '', /runs in an e2b sandbox/);
    assert.equal(found.get('py')?.[0]?.[0], undefined);
    assert.equal(found.get('docker_chat')?.[0]?.[0], 'medium');
    assert.match(found.get('docker_chat')?.[0]?.[1] ?? '', /runs in a docker sandbox/);
    assert.equal(found.get('host_chat')?.[0]?.[0], undefined, 'sandbox="subprocess" runs on the host');
    // The property is on the tool asset, and a host ShellTool is a different asset from a hosted one.
    const shells = (r.assets ?? []).filter((a) => a.kind === 'tool' && a.name === 'shell');
    assert.deepEqual(shells.map((a) => a.properties.sandbox ?? 'host').sort(), ['host', 'openai-container']);
  });
});

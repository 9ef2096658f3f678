// Cross-file tool linking: an agent importing tools.search_tools in a repository where several
// projects each have tools/search_tools.py links to the one beside it, and a tie stays unresolved.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Asset, emptyOutput, testContext } from '@rampart/core';
import { scan } from '../scan/scan.js';
import { crossFileToolsCorrelator } from './cross-file-tools.js';

const tool = (id: string, path: string, caps: string[]): Asset => ({
  id,
  kind: 'tool',
  name: 'Search internet',
  locations: [{ path, line: 10 }],
  properties: { functionNames: ['search_internet'], capabilities: caps, approvalStep: false },
});
const agent = (id: string, path: string): Asset => ({
  id,
  kind: 'agent',
  name: 'Analyst',
  locations: [{ path, line: 5 }],
  properties: { unresolvedTools: ['tools.search_tools.SearchTools.search_internet'], approvalStep: false },
});

describe('cross-file tools correlator', () => {
  it('picks the tool module in the agent project, not a same-named module of a sibling project', async () => {
    const out = emptyOutput();
    out.assets.push(
      tool('tool:a', 'crews/instagram/tools/search_tools.py', ['network-write']),
      tool('tool:b', 'crews/trip/tools/search_tools.py', []),
      agent('agent:x', 'crews/instagram/agents.py'),
    );
    const r = await crossFileToolsCorrelator.run(out, testContext());
    assert.deepEqual(
      r.relations?.map((x) => [x.from, x.to]),
      [['agent:x', 'tool:a']],
    );
    assert.deepEqual(
      r.findings?.map((f) => f.ruleId),
      ['agent-high-impact-tool-without-approval'],
    );
  });

  it('leaves a tie between equally near modules unresolved rather than guessing', async () => {
    const out = emptyOutput();
    out.assets.push(
      tool('tool:a', 'crews/a/tools/search_tools.py', []),
      tool('tool:b', 'crews/b/tools/search_tools.py', []),
      agent('agent:x', 'main.py'),
    );
    const r = await crossFileToolsCorrelator.run(out, testContext());
    assert.deepEqual(r.relations, []);
  });

  it('does not take the only same-named tool of another folder for a relative import', async () => {
    // adk-samples data-science: `from .tools import call_db_agent` in data_science/agent.py, while
    // sub_agents/bqml/agent.py defines its own call_db_agent.
    const out = emptyOutput();
    const other = tool('tool:bqml', 'ds/sub_agents/bqml/agent.py', []);
    const a = agent('agent:root', 'ds/agent.py');
    a.properties.unresolvedTools = ['.tools.search_internet'];
    out.assets.push(other, a);
    const r = await crossFileToolsCorrelator.run(out, testContext());
    assert.deepEqual(r.relations, []);
  });
});

describe('plain-function tools from another module (Google ADK)', () => {
  it('resolves `from .tools.tools import f` to the module-level function and knows what it can do', async () => {
    const res = await scan({
      paths: [fileURLToPath(new URL('./testdata/xfile', import.meta.url))],
      workers: 0,
    });
    const agent = res.assets.find((a) => a.kind === 'agent' && a.name === 'customer_service');
    const used = res.relations.filter((r) => r.from === agent?.id && r.type === 'uses-tool').map((r) => r.to);
    const tools = res.assets.filter((a) => used.includes(a.id));
    assert.deepEqual(tools.map((t) => [t.name, t.locations[0]?.path, t.properties.capabilities]).sort(), [
      ['send_call_companion_link', 'customer_service/tools/tools.py', ['network-egress', 'network-write']],
      ['update_salesforce_crm', 'customer_service/tools/tools.py', []],
    ]);
    const analyst = res.assets.find((a) => a.kind === 'agent' && a.name === 'analyst');
    const bq = res.relations.find((r) => r.from === analyst?.id && r.type === 'uses-tool');
    assert.deepEqual(res.assets.find((a) => a.id === bq?.to)?.properties.capabilities, ['private-data', 'sql-write']);
    // Linked references are tools of the agent now, no longer listed as unresolved.
    assert.deepEqual(agent?.properties.tools, ['send_call_companion_link', 'update_salesforce_crm']);
    assert.deepEqual(agent?.properties.unresolvedTools, ['external_sdk.remote_helper']);
    // external_sdk.remote_helper is not in the project (a same-named method in tools.py does not count).
    assert.ok(!res.assets.some((a) => a.kind === 'tool' && a.name === 'remote_helper'));
  });
});

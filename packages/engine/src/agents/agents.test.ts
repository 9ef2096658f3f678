// Agent discovery across frameworks and languages, on real parsed files in testdata/.
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
const names = (r: Partial<DetectorOutput>, kind: string) =>
  (r.assets ?? [])
    .filter((a) => a.kind === kind)
    .map((a) => a.name)
    .sort();
const caps = (r: Partial<DetectorOutput>, tool: string) =>
  (r.assets ?? []).find((a) => a.kind === 'tool' && a.name === tool)?.properties.capabilities;
const rules = (r: Partial<DetectorOutput>) => (r.findings ?? []).map((f) => f.ruleId).sort();

describe('agents detector', () => {
  it('load_tools names that are Object.prototype members are plain unknown tools, not a crash', async () => {
    const src = [
      'from langchain.agents import initialize_agent, load_tools',
      'tools = load_tools(["constructor", "__proto__", "terminal"], llm=llm)',
      'agent = initialize_agent(tools, llm)',
      '',
    ].join('\n');
    const r = await agentsDetector.analyze(memoryFile('odd_tools.py', Buffer.from(src)), testContext());
    assert.deepEqual(caps(r, 'constructor'), []);
    assert.deepEqual(caps(r, '__proto__'), []);
    assert.ok((caps(r, 'terminal') as string[] | undefined)?.length, 'a known name keeps its capabilities');
  });

  it('a model named by id to an agent has hosting like the LLM-client models, not hosted: true', async () => {
    const src = [
      'from pydantic_ai import Agent',
      'cloud = Agent("openai:gpt-4o")',
      'local = Agent("ollama:llama3.2")',
      '',
    ].join('\n');
    const r = await agentsDetector.analyze(memoryFile('models.py', Buffer.from(src)), testContext());
    const hosting = (name: string) => {
      const m = (r.assets ?? []).find((a) => a.kind === 'model' && a.name === name);
      return [m?.properties.hosting, m?.properties.hosted];
    };
    assert.deepEqual(hosting('gpt-4o'), ['hosted-api', undefined]);
    assert.deepEqual(hosting('llama3.2'), ['self-hosted', undefined]);
  });

  it('CrewAI: agents, built-in tools with capabilities, human_input counts as approval', async () => {
    const r = await run('crew.py');
    assert.deepEqual(names(r, 'agent'), ['Reader', 'Researcher', 'Writer']);
    assert.deepEqual(caps(r, 'file_writer'), ['file-write']);
    // Reading tools are inventoried with what they read, not left as unresolved names.
    assert.deepEqual(caps(r, 'file_read'), ['file-read', 'private-data']);
    assert.deepEqual(caps(r, 'website_search'), ['network-egress', 'untrusted-input']);
    assert.equal(r.assets?.find((a) => a.name === 'Reader')?.properties.unresolvedTools, undefined);
    assert.deepEqual(rules(r), [], 'the writer has human_input=True; scraping alone is not high impact');
  });

  it('AutoGen: assistant with a tool, and a code-executor agent', async () => {
    const r = await run('autogen_app.py');
    assert.deepEqual(names(r, 'agent'), ['assistant', 'coder']);
    assert.deepEqual(rules(r), ['agent-shell-or-code-tool']);
  });

  it('Google ADK and PydanticAI: models resolved, method-registered tools found', async () => {
    const adk = await run('adk_agent.py');
    assert.deepEqual(names(adk, 'agent'), ['search_assistant']);
    assert.deepEqual(names(adk, 'model'), ['gemini-2.0-flash']);
    assert.deepEqual(caps(adk, 'google_search'), ['untrusted-input']);
    const pyd = await run('pydantic_bot.py');
    assert.deepEqual(names(pyd, 'model'), ['gpt-4o']);
    assert.ok((caps(pyd, 'notify') as string[]).includes('network-write'));
  });

  it('MCP servers written with the Python and TypeScript SDKs, with their tools', async () => {
    const py = await run('server.py');
    assert.deepEqual(names(py, 'mcp-server'), ['devtools']);
    assert.deepEqual(names(py, 'tool'), ['add', 'run_tests']);
    assert.deepEqual(caps(py, 'run_tests'), ['shell']);
    assert.equal(py.relations?.filter((x) => x.type === 'provides-tool').length, 2);
    const ts = await run('mcp-server.ts');
    assert.deepEqual(names(ts, 'mcp-server'), ['shell-helper']);
    assert.deepEqual(caps(ts, 'run'), ['shell']);
  });

  it('Mastra and the OpenAI Agents SDK for JS: inline execute bodies give capabilities', async () => {
    const m = await run('mastra.ts');
    assert.deepEqual(names(m, 'agent'), ['notes']);
    assert.deepEqual(caps(m, 'save-note'), ['file-write']);
    assert.deepEqual(rules(m), ['agent-high-impact-tool-without-approval']);
    const o = await run('openai_agents.ts');
    assert.deepEqual(names(o, 'agent'), ['Order bot']);
    assert.deepEqual(names(o, 'tool'), ['lookup_order']);
    assert.deepEqual(rules(o), []);
  });

  it('tool classes, same-file helpers, enclosing method names and SDK shell tools with approval', async () => {
    const r = await run('class_tools.py');
    assert.deepEqual(names(r, 'tool'), ['Notifier', 'Purger', 'shell']);
    assert.deepEqual(caps(r, 'Purger'), ['destructive', 'file-write'], 'forward -> self.wipe -> shutil.rmtree');
    assert.deepEqual(caps(r, 'Notifier'), ['network-egress', 'network-write'], '_run -> Notifier.post');
    assert.deepEqual(caps(r, 'shell'), ['shell']);
    const agents = (r.assets ?? []).filter((a) => a.kind === 'agent');
    assert.ok(agents.some((a) => a.name === 'crewai agent in announcer() (line 38)'));
    const uses = (agentName: string) =>
      (r.relations ?? []).filter(
        (x) => x.type === 'uses-tool' && x.from === agents.find((a) => a.name.startsWith(agentName))?.id,
      ).length;
    assert.equal(uses('cleaner'), 1);
    assert.equal(uses('crewai agent in announcer'), 1);
    const shell = (r.assets ?? []).find((a) => a.name === 'shell');
    assert.equal(shell?.properties.approvalStep, true);
    // The shell tool asks first: code/shell is still reported, the no-approval rule is not.
    const shellFindings = (r.findings ?? []).filter((f) => f.assetId === shell?.id);
    assert.deepEqual(
      shellFindings.map((f) => f.ruleId),
      ['agent-shell-or-code-tool'],
    );
    // ...one level lower than an unattended shell, and the message says why.
    assert.equal(shellFindings[0]?.severity, 'medium');
    assert.match(shellFindings[0]?.message ?? '', /each call waits for approval/);
  });

  it('PydanticAI @agent.tool methods belong to the nearest agent defined above them', async () => {
    const r = await run('pydantic_two_agents.py');
    const agents = (r.assets ?? []).filter((a) => a.kind === 'agent');
    const toolsOf = (line: number) => agents.find((a) => a.locations[0]?.line === line)?.properties.tools;
    assert.deepEqual(toolsOf(6), ['balance']);
    assert.deepEqual(names(r, 'agent'), ['ops', 'support'], 'named after the variables they are bound to');
    assert.deepEqual(toolsOf(14), ['restart']);
    assert.deepEqual(rules(r), ['agent-shell-or-code-tool']);
  });

  it('Google ADK: plain functions passed as tools are tools, other functions are not', async () => {
    const r = await run('adk_functions.py');
    assert.deepEqual(names(r, 'tool'), ['get_weather', 'purge_cache']);
    assert.deepEqual(caps(r, 'purge_cache'), ['destructive', 'file-write']);
    assert.deepEqual(rules(r), ['agent-high-impact-tool-without-approval']);
  });

  it('OpenAI Agents SDK: sandbox, realtime and generic Agent[Ctx](...) agents, @tool decorators', async () => {
    const r = await run('oa_sandbox.py');
    assert.deepEqual(names(r, 'agent'), ['Builder', 'Typed', 'Voice']);
    assert.equal(r.relations?.filter((x) => x.type === 'uses-tool').length, 2);
  });

  it('smolagents classes imported from smolagents.agents; commented-out constructors are not agents', async () => {
    const r = await run('smol_module_import.py');
    assert.deepEqual(names(r, 'agent'), ['caller', 'coder']);
    assert.deepEqual(rules(r), ['agent-shell-or-code-tool'], 'only the CodeAgent runs code itself');
  });

  it('a torch forward() without a tool base import is not a tool', async () => {
    const r = await run('torch_forward.py');
    assert.deepEqual(names(r, 'tool'), []);
  });

  it('reports nothing for look-alike local classes, docstrings and comments', async () => {
    const r = await run('decoy.py');
    assert.deepEqual(names(r, 'agent'), []);
    assert.deepEqual(rules(r), []);
  });
});

describe('agents detector: gaps found on real projects (issue 6, second pass)', () => {
  it('LangGraph: a ToolNode is no agent; the graph it belongs to is, with the tools', async () => {
    const r = await run('langgraph_toolnode.py');
    const agents = (r.assets ?? []).filter((a) => a.kind === 'agent');
    assert.deepEqual(
      agents.map((a) => [a.name, a.properties.tools]),
      [['workflow', ['wipe_cache', 'lookup', 'retriever_tool']]],
    );
    assert.ok(!agents.some((a) => a.name.includes('ToolNode') || a.locations[0]?.line === 27));
    assert.deepEqual(caps(r, 'wipe_cache'), ['destructive', 'file-write']);
    assert.deepEqual(caps(r, 'retriever_tool'), ['private-data']);
    assert.ok(rules(r).includes('agent-high-impact-tool-without-approval'));
  });

  it('PydanticAI: capabilities inferred from injected dependencies, and labelled as inferred', async () => {
    const r = await run('pydantic_deps.py');
    const tool = (n: string) => (r.assets ?? []).find((a) => a.kind === 'tool' && a.name === n)?.properties;
    assert.deepEqual(tool('get_weather')?.capabilities, ['network-egress', 'untrusted-input']);
    assert.deepEqual(tool('get_weather')?.inferredCapabilities, ['network-egress', 'untrusted-input']);
    assert.deepEqual(tool('file_ticket')?.capabilities, ['network-egress', 'network-write']);
    assert.deepEqual(tool('forget_customer')?.inferredCapabilities, ['sql-write']);
    assert.deepEqual(tool('count_rows')?.capabilities, ['private-data']);
    assert.equal(tool('count_rows')?.inferredCapabilities, undefined);
    assert.deepEqual(tool('key_length')?.capabilities, []);
    assert.deepEqual(tool('balance')?.inferredCapabilities, ['private-data']);
  });

  it('a POST to a fixed LLM vendor URL is egress, not a write to the network; other POSTs still are', async () => {
    const r = await run('vendor_post.py');
    assert.deepEqual(caps(r, 'describe_image'), ['network-egress']);
    assert.deepEqual(caps(r, 'anthropic_complete'), ['network-egress']);
    assert.deepEqual(caps(r, 'upload'), ['network-egress', 'network-write']);
    assert.deepEqual(caps(r, 'lookalike'), ['network-egress', 'network-write']);
  });
});

describe('agents detector: Agno, CAMEL, Haystack and provider-object models', () => {
  const model = (r: Partial<DetectorOutput>, agent: string) => {
    const a = r.assets?.find((x) => x.kind === 'agent' && x.name === agent);
    const rel = r.relations?.find((x) => x.from === a?.id && x.type === 'uses-model');
    const m = r.assets?.find((x) => x.id === rel?.to);
    return m ? `${m.provider}/${m.name}` : undefined;
  };
  const toolsOf = (r: Partial<DetectorOutput>, agent: string) =>
    (r.assets?.find((x) => x.kind === 'agent' && x.name === agent)?.properties.tools as string[] | undefined)?.sort();

  it('Agno: agents with toolkits, plain functions and @tool(requires_confirmation=True); a team delegates', async () => {
    const r = await run('agno_team.py');
    assert.deepEqual(names(r, 'agent'), ['Operator', 'Researcher', 'Support']);
    assert.deepEqual(toolsOf(r, 'Researcher'), ['delete_order', 'duckduckgo', 'lookup_order']);
    assert.deepEqual(caps(r, 'shell_tools'), ['shell']);
    assert.equal(model(r, 'Researcher'), 'openai/gpt-4o');
    assert.equal(model(r, 'Operator'), 'anthropic/claude-sonnet-4-5');
    const del = r.assets?.find((a) => a.name === 'delete_order');
    assert.equal(del?.properties.approvalStep, true, 'requires_confirmation=True is an approval step');
    // The shell toolkit is a finding; the confirmed destructive tool is not.
    assert.deepEqual(rules(r), ['agent-shell-or-code-tool']);
    const team = r.assets?.find((a) => a.name === 'Support');
    const members = r.relations?.filter((x) => x.from === team?.id && x.properties?.delegation === 'sub-agent');
    assert.equal(members?.length, 2);
  });

  it('Agno toolkits: functions switched off, included or excluded narrow the capabilities', async () => {
    const r = await run('agno_toolkits.py');
    const agentCaps = (n: string) => r.assets?.find((a) => a.kind === 'agent' && a.name === n)?.properties.capabilities;
    assert.deepEqual(agentCaps('reader'), ['file-read', 'file-write', 'private-data'], 'save_file stays on by default');
    assert.deepEqual(agentCaps('no_writes'), ['file-read', 'private-data']);
    assert.deepEqual(agentCaps('pg_readonly'), ['private-data']);
    assert.deepEqual(agentCaps('pg_safe'), ['private-data']);
    assert.deepEqual(agentCaps('pg_full'), ['private-data', 'sql-write']);
    assert.deepEqual(agentCaps('py_no_pip'), ['code-exec', 'file-write']);
    assert.deepEqual(agentCaps('slack_reader'), ['untrusted-input']);
    assert.deepEqual(agentCaps('slack_all'), ['network-write', 'untrusted-input'], 'all=True wins over a flag');
    assert.deepEqual(agentCaps('mailer'), ['email', 'private-data', 'untrusted-input']);
    assert.deepEqual(agentCaps('docker_viewer'), [], 'stopping a container deletes nothing');
    // Gmail without its send functions reads mail but cannot send it (no trifecta exfiltration leg).
    for (const n of ['gmail_reader', 'gmail_no_send', 'gmail_flags'])
      assert.deepEqual(agentCaps(n), ['private-data', 'untrusted-input'], n);
    assert.deepEqual(agentCaps('docker_safe'), ['shell'], 'exec_in_container is still there');
    const flagged = (r.findings ?? [])
      .filter((f) => f.ruleId === 'agent-high-impact-tool-without-approval')
      .map((f) => /of agent "(\w+)"/.exec(f.message)?.[1])
      .sort();
    assert.deepEqual(flagged, ['mailer', 'pg_full', 'py_no_pip', 'reader', 'slack_all']);
    // Findings point at the tool; the message says where the agent is built.
    assert.ok(r.findings?.some((f) => f.message.includes('of agent "pg_full" (line 15) can modify databases')));
  });

  it('CAMEL: ChatAgent with FunctionTool and toolkits spread from get_tools()', async () => {
    const r = await run('camel_chat.py');
    assert.equal(names(r, 'agent').length, 3);
    const assistant = r.assets?.find((a) => a.kind === 'agent' && a.locations[0]?.line === 9);
    assert.deepEqual(toolsOf(r, String(assistant?.name)), ['terminal_toolkit', 'word_count']);
    assert.deepEqual(assistant?.properties.capabilities, ['shell']);
    const toolkitIds = new Set(r.assets?.filter((a) => a.name === 'terminal_toolkit').map((a) => a.id));
    assert.equal(toolkitIds.size, 1, 'one toolkit asset');
    // A toolkit method handed over as a function is that toolkit's tool, named after the method.
    assert.deepEqual(toolsOf(r, 'searcher'), ['search_duckduckgo', 'shell_exec']);
    assert.deepEqual(caps(r, 'shell_exec'), ['shell']);
    assert.deepEqual(caps(r, 'search_duckduckgo'), ['untrusted-input']);
    // A wrapper around a function built at runtime is named by its variable.
    assert.ok(names(r, 'tool').includes('dynamic_tool'));
    assert.deepEqual(rules(r), ['agent-shell-or-code-tool', 'agent-shell-or-code-tool']);
  });

  it('Haystack: Agent with @tool and Tool(function=...), model from its chat generator', async () => {
    const r = await run('haystack_agent.py');
    const agent = r.assets?.find((a) => a.kind === 'agent' && a.name === 'agent');
    assert.equal(agent?.provider, 'haystack');
    // A generator pointed at a local OpenAI-compatible server serves any model id.
    assert.equal(model(r, 'local_agent'), 'openai-compatible/Qwen/Qwen3-0.6B');
    assert.deepEqual(toolsOf(r, String(agent?.name)), ['shell_tool', 'weather']);
    assert.deepEqual(caps(r, 'shell_tool'), ['shell']);
    assert.equal(model(r, String(agent?.name)), 'openai/gpt-4o-mini');
    assert.deepEqual(rules(r), ['agent-shell-or-code-tool']);
  });

  it('PydanticAI requires_approval=True is an approval step', async () => {
    const r = await run('pydantic_approval.py');
    const flagged = (r.findings ?? []).filter((f) => f.ruleId === 'agent-high-impact-tool-without-approval');
    assert.deepEqual(
      flagged.map((f) => /tool "(\w+)"/.exec(f.message)?.[1]),
      ['remove_cache'],
    );
  });

  it('smolagents default tools carry their capabilities', async () => {
    const r = await run('smol_builtins.py');
    assert.deepEqual(caps(r, 'web_search'), ['untrusted-input']);
    assert.deepEqual(caps(r, 'python_interpreter'), ['code-exec']);
    assert.equal(r.assets?.find((a) => a.kind === 'agent')?.properties.unresolvedTools, undefined);
  });

  it('an agent handed a provider object links to the model under that provider, not a second asset', async () => {
    const r = await run('crew_provider_model.py');
    assert.equal(model(r, 'Analyst'), 'ollama/llama3.1');
    assert.deepEqual(names(r, 'model'), ['llama3.1']);
  });
});

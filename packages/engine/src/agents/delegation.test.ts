// Agents used as tools by other agents: ADK AgentTool and sub_agents (across modules, through a
// package re-export), OpenAI Agents as_tool and handoffs, smolagents managed_agents; the lethal
// trifecta is judged over the delegation.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ScanResult } from '@rampart/core';
import { scan } from '../scan/scan.js';

let res: ScanResult;
const name = (id: string) => res.assets.find((a) => a.id === id)?.name ?? id;
const delegations = () =>
  res.relations
    .filter((r) => r.type === 'uses-tool' && r.properties?.delegation !== undefined)
    .map((r) => `${name(r.from)} -${String(r.properties?.delegation)}-> ${name(r.to)}`)
    .sort();

describe('agent delegation', () => {
  before(async () => {
    res = await scan({ paths: [fileURLToPath(new URL('./testdata/delegation', import.meta.url))], workers: 0 });
  });

  it('links each parent agent to the agents it uses as tools, hands off to or runs as sub-agents', () => {
    assert.deepEqual(
      delegations(),
      [
        'concierge -agent-tool-> records', // `from .sub_agents.records import records_agent` (package re-export)
        'concierge -sub-agent-> summarizer',
        'desk -sub-agent-> records', // `from .sub_agents import archive_agent`, re-exported under another name
        'manager -managed-agent-> web_agent',
        'pipeline -sub-agent-> concierge',
        'pipeline -sub-agent-> mailer', // `from .sub_agents.mailer.agent import mailer_agent`
        'records -agent-tool-> mailer', // `from ..mailer.agent import mailer_agent`
        'triage -agent-tool-> billing', // billing.as_tool(...)
        'triage -handoff-> refunds', // handoff(refunds)
        'triage -handoff-> research',
        'call_mailer -agent-tool-> mailer', // a tool whose body runs AgentTool(agent=mailer_agent)
        'extract_flights -runs-agent-> extraction', // PydanticAI: `await extraction_agent.run(text)` in a tool
      ].sort(),
    );
  });

  it('does not link decoys: a non-agent wrapped in AgentTool, an agent nobody names, another project’s same-named agent', () => {
    const targets = res.relations.filter((r) => r.properties?.delegation !== undefined).map((r) => name(r.to));
    assert.ok(!targets.includes('unrelated'));
    assert.ok(!targets.includes('other_records'));
    const concierge = res.assets.find((a) => a.kind === 'agent' && a.name === 'concierge');
    assert.equal(concierge?.properties.unresolvedTools, undefined, 'AgentTool(...) is no unresolved tool class');
  });

  it('finds the lethal trifecta that only exists through delegation, naming the agents it goes through', () => {
    const trifecta = res.findings.filter((f) => f.ruleId === 'graph-lethal-trifecta');
    const concierge = trifecta.find((f) => f.message.startsWith('agent "concierge"'));
    assert.ok(concierge, 'concierge reads pages itself; records reads guests; mailer (via records) sends email');
    assert.deepEqual(concierge.evidence?.facts?.throughAgents, ['records', 'mailer']);
    assert.ok(trifecta.some((f) => f.message.startsWith('agent "triage"')));
    // records reads guests and (through mailer) sends email, but nothing it reaches reads untrusted input.
    assert.ok(!trifecta.some((f) => f.message.startsWith('agent "records"')));
    assert.ok(!trifecta.some((f) => f.message.startsWith('agent "unrelated"')));
  });
});

// Excessive-agency findings for one agent and the tools it can call, from asset facts alone
// (capabilities, approval step, broad credentials), so the per-file detector and the cross-file
// correlator judge the same way.
import type { Asset, FindingDraft, Location } from '@rampart/core';
import { type Capability, describeCapabilities } from './capabilities.js';

const HIGH_IMPACT: readonly Capability[] = [
  'destructive',
  'payments',
  'email',
  'sql-write',
  'file-write',
  'network-write',
];
const CODE: readonly Capability[] = ['shell', 'code-exec'];

/**
 * `agent "support" (line 40)`: the finding points at the tool, and several agents in one file often
 * share a name ("agent") and a tool; where the agent is built tells their findings apart.
 */
function agentLabel(agent: Asset, at: Location): string {
  const where = agent.locations[0];
  // Names made up from the place ("smolagents agent in main() (line 12)") already say it.
  if (!where?.line || agent.name.endsWith(`(line ${where.line})`)) return `agent "${agent.name}"`;
  const line = where.member ? `${where.member}, line ${where.line}` : `line ${where.line}`;
  return `agent "${agent.name}" (${where.path === at.path ? line : `${where.path} ${line}`})`;
}

/** "runs in an e2b sandbox", "runs in OpenAI's hosted container"; undefined when it runs on the host. */
function sandboxNote(a: Asset): string | undefined {
  const s = a.properties.sandbox;
  if (typeof s !== 'string' || s === '') return undefined;
  if (s === 'openai-container') return "runs in OpenAI's hosted container";
  return `runs in ${/^[aeiou]/i.test(s) ? 'an' : 'a'} ${s} sandbox`;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function toolFindings(agent: Asset, tool: Asset): FindingDraft[] {
  const out: FindingDraft[] = [];
  const caps = new Set(list(tool.properties.capabilities) as Capability[]);
  const location = tool.locations[0] ?? agent.locations[0] ?? { path: '.' };
  const evidence = { path: [agent.id, tool.id], facts: { capabilities: [...caps].sort() } };
  const discriminator = `${agent.id}:${tool.id}`;
  const code = CODE.filter((c) => caps.has(c));
  const approved = tool.properties.approvalStep === true || agent.properties.approvalStep === true;
  if (code.length > 0) {
    // A person approving each call, or a sandbox between the code and the host, mitigates but does
    // not remove the risk (approval fatigue; the sandbox's network and files): still reported, one
    // level lower, and the message says why.
    const notes = [approved ? 'each call waits for approval' : undefined, sandboxNote(tool)].filter(
      (n): n is string => n !== undefined,
    );
    out.push({
      ruleId: 'agent-shell-or-code-tool',
      assetId: tool.id,
      location,
      message: `${agentLabel(agent, location)} can call tool "${tool.name}", which can ${describeCapabilities(code)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
      evidence,
      discriminator,
      ...(notes.length > 0 ? { severity: 'medium' as const } : {}),
    });
  }
  const impact = HIGH_IMPACT.filter((c) => caps.has(c));
  if (impact.length > 0 && !approved) {
    out.push({
      ruleId: 'agent-high-impact-tool-without-approval',
      assetId: tool.id,
      location,
      message: `tool "${tool.name}" of ${agentLabel(agent, location)} can ${describeCapabilities(impact)} with no approval step`,
      evidence,
      discriminator,
    });
  }
  const creds = list(tool.properties.broadCredentials);
  if (creds.length > 0) {
    out.push({
      ruleId: 'agent-tool-broad-credentials',
      assetId: tool.id,
      location,
      message: `tool "${tool.name}" of ${agentLabel(agent, location)} uses broad credentials (${creds.join(', ')})`,
      evidence,
      discriminator,
    });
  }
  return out;
}

export function agentSelfFindings(agent: Asset): FindingDraft[] {
  if (agent.properties.codeExecution !== true) return [];
  const location = agent.locations[0] ?? { path: '.' };
  const notes = [
    agent.properties.approvalStep === true ? 'each execution waits for approval' : undefined,
    sandboxNote(agent),
  ].filter((n): n is string => n !== undefined);
  return [
    {
      ruleId: 'agent-shell-or-code-tool',
      assetId: agent.id,
      location,
      message: `agent "${agent.name}" writes and executes code itself${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
      discriminator: `${agent.id}:self`,
      ...(notes.length > 0 ? { severity: 'medium' as const } : {}),
    },
  ];
}

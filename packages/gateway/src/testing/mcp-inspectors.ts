// MCP inspectors for tests, in the two shapes the MCP proxy tests need:
// - fakeMcpInspector: fake policy and fake checks (testing/fakes.ts), for protocol behaviour;
// - realMcpInspector: the real detector pipeline and a real Cedar policy file (testdata/policy.yaml by
//   default, key rk-test-alice), with a 10 s check budget so a loaded machine cannot turn a slow check
//   into a fail-closed denial the test did not ask about.
// listingLink stands in for the server when the inspector lists by itself (a use no listing of the
// session vouches for).
import { detectorChecks } from '../adapters/detector-checks.js';
import { loadPolicy } from '../adapters/policy-port.js';
import { MemoryAuditSink } from '../audit-sinks.js';
import { parseGatewayConfig } from '../config.js';
import { Enforcer } from '../enforcer.js';
import { McpInspector, type McpInspectorOptions } from '../mcp/mcp-inspector.js';
import { type ServerLink, ServerRpcError } from '../mcp/mcp-server-link.js';
import { GatewayMetrics } from '../metrics.js';
import { FakeChecks, FakePolicy, type FakePolicyOptions } from './fakes.js';

type Mode = 'enforce' | 'monitor';
type Pins = Partial<Pick<McpInspectorOptions, 'lock' | 'overrides'>>;

export function fakeMcpInspector(
  server: string,
  o: Pins & { mode?: Mode; policy?: FakePolicyOptions } = {},
): { inspector: McpInspector; audit: MemoryAuditSink } {
  const mode = o.mode ?? 'enforce';
  const config = parseGatewayConfig({ upstreams: {}, mode });
  const enforcer = new Enforcer(config, new FakePolicy(o.policy), new FakeChecks(), new GatewayMetrics(), undefined);
  const audit = new MemoryAuditSink();
  const inspector = new McpInspector({
    server,
    identity: { keyId: 'k', principal: 'p', roles: [] },
    enforcer,
    audit,
    mode,
    ...(o.lock === undefined ? {} : { lock: o.lock }),
    ...(o.overrides === undefined ? {} : { overrides: o.overrides }),
  });
  return { inspector, audit };
}

const POLICY = new URL('../testdata/policy.yaml', import.meta.url).pathname;

/** The real checks and policy; `inspector(server, pins)` builds one inspector per server or session. */
export async function realMcpSetup(o: { mode?: Mode; policyFile?: string; config?: Record<string, unknown> } = {}) {
  const mode = o.mode ?? 'enforce';
  const config = parseGatewayConfig({
    upstreams: {},
    mode,
    checks: { input: { budgetMs: 10_000 }, output: { budgetMs: 10_000 } },
    ...o.config,
  });
  const policy = await loadPolicy(o.policyFile ?? POLICY, () => undefined, { watch: false });
  const enforcer = new Enforcer(config, policy.port, detectorChecks(config), new GatewayMetrics(), undefined);
  const audit = new MemoryAuditSink();
  const identity = policy.port.authenticate('rk-test-alice');
  if (!identity) throw new Error('test policy has no key rk-test-alice');
  const inspector = (server: string, pins: Pins = {}) =>
    new McpInspector({
      server,
      identity,
      enforcer,
      audit,
      mode,
      ...(pins.lock === undefined ? {} : { lock: pins.lock }),
      ...(pins.overrides === undefined ? {} : { overrides: pins.overrides }),
    });
  return { policy, audit, enforcer, inspector };
}

/** The lists a `listingLink` answers with, by listing result field. */
export interface FixedListings {
  tools?: unknown[];
  prompts?: unknown[];
  resources?: unknown[];
  resourceTemplates?: unknown[];
}

const LISTING_FIELD: Record<string, keyof FixedListings> = {
  'tools/list': 'tools',
  'prompts/list': 'prompts',
  'resources/list': 'resources',
  'resources/templates/list': 'resourceTemplates',
};

/**
 * A server link for inspector tests without a server: answers the inspector's own listings from
 * fixed lists (a list not given answers "method not found", as a server without it does) and
 * records each method asked in `asked`.
 */
export function listingLink(lists: FixedListings, asked: string[] = []): ServerLink {
  return {
    async request(method) {
      asked.push(method);
      const field = LISTING_FIELD[method];
      const items = field === undefined ? undefined : lists[field];
      if (field === undefined || items === undefined) throw new ServerRpcError(-32601, 'Method not found');
      return { [field]: items };
    },
  };
}

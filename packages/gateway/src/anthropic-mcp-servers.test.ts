// Anthropic MCP connector (`mcp_servers` + `mcp_toolset`, and the deprecated tool_configuration)
// reviewed before the request goes upstream: end to end through the gateway with the real policy
// engine (Cedar) and the real detectors, asserting on what the mock provider received.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadPolicy } from './adapters/policy-port.js';
import { recordExecutedMcpToolUse } from './anthropic-mcp-executed.js';
import { parseGatewayConfig } from './config.js';
import { Enforcer, newRequestState } from './enforcer.js';
import { GatewayMetrics } from './metrics.js';
import { FakeChecks } from './testing/fakes.js';
import { ANTHROPIC_KEY_ENV, type Harness, KEY, post, startHarness } from './testing/harness.js';

type Obj = Record<string, unknown>;

const POLICY = `
version: 1
name: gateway-anthropic-mcp
mode: enforce
default: deny
keys:
  - id: alice
    hash: sha256:d65513fdbb7c955d622500c1b16ebbb330a0f9d60d3e2674250bf80646e8954d
    principal: alice@example.com
    team: eng
    roles: [developer]
teams:
  - id: eng
roles:
  developer:
    models: ["claude-*"]
tools:
  - match: send_email
    constraints:
      - arg: to
        required: true
        emailDomains: [example.com]
  - match: wire_money
    approval: { timeoutSeconds: 1 }
  - match: delete_repo
    allow: false
  - match: "*"
policies:
  - id: models-and-tools
    cedar: |
      permit(principal, action in [Action::"use-model", Action::"emit-output", Action::"call-tool"], resource);
  - id: trusted-mcp-servers
    message: only the approved MCP servers may be used
    cedar: |
      permit(principal, action == Action::"list-tools", resource)
      when { resource.name == "github" || resource.name like "https://mcp.example.com/*" };
`;

const TOKEN = 'mcp-oauth-tok-7c1f9e2a4b';
const URL_OK = 'https://mcp.example.com/github';
const server = (extra: Obj = {}): Obj => ({
  type: 'url',
  url: URL_OK,
  name: 'github',
  authorization_token: TOKEN,
  ...extra,
});
const toolset = (configs: Obj | undefined, extra: Obj = {}): Obj => ({
  type: 'mcp_toolset',
  mcp_server_name: 'github',
  ...(configs === undefined ? {} : { default_config: { enabled: false }, configs }),
  ...extra,
});
const on = (...names: string[]): Obj => Object.fromEntries(names.map((n) => [n, { enabled: true }]));

function withEnv(): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(ANTHROPIC_KEY_ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

describe('gateway: Anthropic MCP connector servers are reviewed before the request goes upstream', () => {
  let h: Harness;
  let monitor: Harness;
  let dir: string;
  const stops: (() => void)[] = [];
  before(async () => {
    stops.push(withEnv());
    dir = mkdtempSync(join(tmpdir(), 'rampart-anthropic-mcp-'));
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    const p = await loadPolicy(join(dir, 'policy.yaml'), () => undefined, { watch: false });
    stops.push(p.stop);
    const checks = { checks: { input: { budgetMs: 10_000 }, output: { budgetMs: 10_000 } } };
    h = await startHarness({ policyPort: p.port, realChecks: true, config: checks });
    monitor = await startHarness({ policyPort: p.port, realChecks: true, config: { ...checks, mode: 'monitor' } });
  });
  after(async () => {
    await h.close();
    await monitor.close();
    for (const s of stops.reverse()) s();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (g: Harness, servers: unknown, tools: unknown[], extra: Obj = {}, beta = 'mcp-client-2025-11-20') =>
    post(
      `${g.url}/v1/messages`,
      JSON.stringify({
        model: 'claude-3-5-sonnet',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'List my open pull requests' }],
        mcp_servers: servers,
        tools,
        ...extra,
      }),
      { 'anthropic-beta': beta },
    );
  const sent = (g: Harness = h) => g.mock.requests.at(-1)!.body as { mcp_servers: Obj[]; tools: Obj[] };
  const lastRecord = (g: Harness = h) => g.audit.records.at(-1)!;
  const noToken = (g: Harness, body = '') => {
    const all = JSON.stringify(g.audit.records) + body;
    assert.ok(!all.includes(TOKEN), 'the authorization_token never reaches the audit or an error');
  };

  it('passes an allowed server with enumerated tools, disabling denied tools and tools that need a per-call review', async () => {
    const r = await send(
      h,
      [server()],
      [toolset({ ...on('search', 'delete_repo', 'wire_money', 'send_email'), later: { enabled: false } })],
    );
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, [server()], 'the provider gets the server and its token unchanged');
    assert.deepEqual(sent().tools, [
      toolset({
        search: { enabled: true },
        // Denied outright; needs approval; has an argument constraint only its call could satisfy.
        delete_repo: { enabled: false },
        wire_money: { enabled: false },
        send_email: { enabled: false },
        later: { enabled: false },
      }),
    ]);
    const d = lastRecord().decisions;
    assert.deepEqual(
      d.filter((x) => x.action === 'list-tools').map((x) => [x.resource, x.effect]),
      [
        ['github', 'allow'],
        [URL_OK, 'allow'],
      ],
    );
    const tools = d.filter((x) => x.action === 'call-tool');
    assert.deepEqual(
      tools.map((x) => [x.resource, x.effect]),
      [
        ['search', 'allow'],
        ['delete_repo', 'deny'],
        ['wire_money', 'require-approval'],
        ['send_email', 'deny'],
      ],
    );
    for (const t of [tools[2]!, tools[3]!])
      assert.ok(
        t.reasons.some((x) => /MCP connector: tool disabled/.test(x)),
        `${t.resource}: ${t.reasons.join('; ')}`,
      );
    noToken(h);
  });

  it('removes a server policy does not trust (by name or by URL) together with its toolset', async () => {
    const lookup = { name: 'lookup', description: 'Look up an order', input_schema: { type: 'object' } };
    const r = await send(
      h,
      [
        server(),
        // An untrusted name, with credentials in the URL that must never be logged.
        server({ name: 'evil', url: 'https://user:hunter2@evil.test/mcp?key=abc123' }),
        server({ name: 'gh2', url: 'https://mcp.example.com/other' }),
      ],
      [
        lookup,
        toolset(on('search')),
        toolset(on('search'), { mcp_server_name: 'evil' }),
        toolset(on('search'), { mcp_server_name: 'gh2' }),
      ],
    );
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, [server()]);
    assert.deepEqual(sent().tools, [lookup, toolset(on('search'))]);
    const servers = lastRecord()
      .decisions.filter((x) => x.action === 'list-tools')
      .map((x) => [x.resource, x.effect]);
    assert.deepEqual(servers, [
      ['github', 'allow'],
      [URL_OK, 'allow'],
      ['evil', 'deny'],
      // A trusted URL under a name policy does not know.
      ['gh2', 'deny'],
    ]);
    // Denied by name: the URL is not asked about. Now a trusted name on an untrusted URL.
    await send(h, [server({ url: 'https://user:hunter2@evil.test/mcp?key=abc123' })], [toolset(on('search'))]);
    assert.deepEqual(sent().mcp_servers, []);
    assert.deepEqual(sent().tools, []);
    const denied = lastRecord().decisions.filter((x) => x.action === 'list-tools');
    assert.deepEqual(denied.at(-1)!.resource, 'https://evil.test/mcp');
    const all = JSON.stringify(h.audit.records);
    assert.ok(!all.includes('hunter2') && !all.includes('abc123'), 'URL credentials and query never logged');
    noToken(h);
  });

  it('removes a server whose every named tool was disabled', async () => {
    const r = await send(h, [server()], [toolset(on('delete_repo', 'wire_money'))]);
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, []);
    assert.deepEqual(sent().tools, []);
    const d = lastRecord().decisions.at(-1)!;
    assert.ok(d.id.includes(':mcp-connector-no-tools:'), d.id);
    assert.deepEqual([d.action, d.resource, d.effect], ['list-tools', 'github', 'deny']);
  });

  it('refuses a server whose tools are not enumerated in enforce mode', async () => {
    const before = h.mock.requests.length;
    for (const tools of [
      [toolset(undefined)],
      // A deny list still enables every tool it does not name.
      [toolset(undefined, { configs: { delete_repo: { enabled: false } } })],
      [toolset(undefined, { default_config: { enabled: true }, configs: on('search') })],
    ]) {
      const r = await send(h, [server()], tools);
      const text = await r.text();
      assert.equal(r.status, 403, text);
      const body = JSON.parse(text) as { type: string; error: { type: string; message: string } };
      assert.equal(body.error.type, 'permission_error');
      assert.match(body.error.message, /does not name.*default_config \{"enabled": false\}/);
      noToken(h, text);
      const d = lastRecord().decisions.at(-1)!;
      assert.equal(lastRecord().outcome, 'blocked');
      assert.deepEqual([d.action, d.resource, d.effect, d.mode], ['list-tools', 'github', 'deny', 'enforce']);
    }
    // The old format without tool_configuration (or without allowed_tools) enables every tool too.
    for (const s of [server(), server({ tool_configuration: { enabled: true } })]) {
      const r = await send(h, [s], []);
      assert.equal(r.status, 403);
    }
    assert.equal(h.mock.requests.length, before, 'nothing reached the provider');
  });

  it('forwards an unenumerated server in monitor mode and records what enforce would refuse', async () => {
    const r = await send(monitor, [server()], [toolset(undefined)]);
    assert.equal(r.status, 200);
    assert.deepEqual(sent(monitor).mcp_servers, [server()]);
    assert.deepEqual(sent(monitor).tools, [toolset(undefined)]);
    const d = lastRecord(monitor).decisions.find((x) => x.id.includes(':mcp-connector-unenumerated:'));
    assert.ok(d !== undefined, 'the gateway decision is recorded');
    assert.deepEqual([d.action, d.resource, d.effect, d.mode], ['list-tools', 'github', 'deny', 'monitor']);
    // Enumerated tools are not disabled in monitor mode either; their decisions are recorded.
    await send(monitor, [server()], [toolset(on('search', 'delete_repo'))]);
    assert.deepEqual(sent(monitor).tools, [toolset(on('search', 'delete_repo'))]);
    const tools = lastRecord(monitor).decisions.filter((x) => x.action === 'call-tool');
    assert.deepEqual(
      tools.map((x) => [x.resource, x.effect, x.mode]),
      [
        ['search', 'allow', 'monitor'],
        ['delete_repo', 'deny', 'monitor'],
      ],
    );
    noToken(monitor);
  });

  it('reviews the deprecated tool_configuration format', async () => {
    const OLD = 'mcp-client-2025-04-04';
    let r = await send(
      h,
      [server({ tool_configuration: { allowed_tools: ['search', 'delete_repo', 'wire_money'] } })],
      [],
    );
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, [server({ tool_configuration: { allowed_tools: ['search'] } })]);
    // No tool enabled: nothing to review.
    r = await send(h, [server({ tool_configuration: { enabled: false } })], []);
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, [server({ tool_configuration: { enabled: false } })]);
    // An empty allow-list is made explicit, whatever the provider reads into it.
    r = await send(h, [server({ tool_configuration: { allowed_tools: [] } })], []);
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, [server({ tool_configuration: { allowed_tools: [], enabled: false } })]);
    // On the deprecated version a server entry without tool_configuration enables every tool, whatever
    // an mcp_toolset says (so does an unknown version, or none).
    const before = h.mock.requests.length;
    for (const beta of [OLD, `${OLD},mcp-client-2025-11-20`, 'mcp-client-2099-01-01', ''])
      assert.equal((await send(h, [server()], [toolset(on('search'))], {}, beta)).status, 403, beta);
    assert.equal(h.mock.requests.length, before);
    r = await send(h, [server({ tool_configuration: { allowed_tools: ['search'] } })], [], {}, OLD);
    assert.equal(r.status, 200);
    noToken(h);
  });

  it('refuses a tool_choice that forces a disabled MCP tool, or any tool when none is left', async () => {
    const before = h.mock.requests.length;
    for (const [tools, choice, why] of [
      [
        [toolset(on('search', 'delete_repo'))],
        { type: 'tool', name: 'delete_repo' },
        /tool delete_repo is not allowed/,
      ],
      [[toolset(on('search', 'wire_money'))], { type: 'tool', name: 'wire_money' }, /which the gateway disabled/],
      [[toolset(on('delete_repo'))], { type: 'any' }, /tool delete_repo is not allowed/],
    ] as const) {
      const r = await send(h, [server()], [...tools], { tool_choice: choice });
      const text = await r.text();
      assert.equal(r.status, 403, text);
      assert.match(text, /policy denied this request/);
      assert.match(text, why);
      noToken(h, text);
    }
    assert.equal(h.mock.requests.length, before);
    // An allowed tool can still be forced.
    const r = await send(h, [server()], [toolset(on('search', 'delete_repo'))], {
      tool_choice: { type: 'tool', name: 'search' },
    });
    assert.equal(r.status, 200);
  });

  it('refuses malformed servers with a 400 in the Anthropic format, never echoing the token', async () => {
    const before = h.mock.requests.length;
    for (const [servers, tools] of [
      [[server({ name: undefined })], []],
      [[server({ url: 'http://mcp.example.com/github' })], [toolset(on('search'))]],
      [[server({ url: 'ftp://mcp.example.com/github' })], [toolset(on('search'))]],
      [[server({ url: undefined })], [toolset(on('search'))]],
      [[server(), server()], [toolset(on('search'))]],
      [[server({ type: 'stdio' })], [toolset(on('search'))]],
      [[server()], [toolset(on('search'), { configs: { search: { enabled: 'yes' } } })]],
      [[server({ tool_configuration: { allowed_tools: 'search' } })], []],
      [{ github: server() }, []],
    ] as const) {
      const r = await send(h, servers, [...tools]);
      const text = await r.text();
      assert.equal(r.status, 400, text);
      assert.equal((JSON.parse(text) as { error: { type: string } }).error.type, 'invalid_request_error');
      noToken(h, text);
    }
    assert.equal(h.mock.requests.length, before);
    // A loopback http URL is well-formed (local tests of the connector); then policy decides.
    const r = await send(h, [server({ url: 'http://localhost:8931/mcp' })], [toolset(on('search'))]);
    assert.equal(r.status, 200);
    assert.deepEqual(sent().mcp_servers, []);
    assert.equal(
      lastRecord()
        .decisions.filter((x) => x.action === 'list-tools')
        .at(-1)!.resource,
      'http://localhost:8931/mcp',
    );
  });
});

describe('mcp_tool_use blocks in a response are recorded as calls the provider executed', () => {
  let dir: string;
  let stop: () => void;
  let port: Awaited<ReturnType<typeof loadPolicy>>['port'];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-anthropic-mcp-use-'));
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    const p = await loadPolicy(join(dir, 'policy.yaml'), () => undefined, { watch: false });
    stop = p.stop;
    port = p.port;
  });
  after(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const setup = (mode: 'enforce' | 'monitor') => {
    const enforcer = new Enforcer(
      parseGatewayConfig({ upstreams: {}, mode }),
      port,
      new FakeChecks(),
      new GatewayMetrics(),
      undefined,
    );
    const state = newRequestState('r1', port.authenticate(KEY)!, '/v1/messages', new AbortController().signal);
    const use = (name: string, input: Obj = {}) =>
      recordExecutedMcpToolUse(enforcer, state, {
        type: 'mcp_tool_use',
        id: 'mcptoolu_1',
        name,
        server_name: 'github',
        input,
      })?.why;
    return { state, use };
  };

  it('records each call with executedUpstream and says which results to withhold (enforce)', () => {
    const { state, use } = setup('enforce');
    assert.equal(use('search', { q: 'open PRs' }), undefined);
    assert.equal(use('send_email', { to: 'a@example.com' }), undefined);
    assert.match(
      use('delete_repo') ?? '',
      /delete_repo \(server github\) ran at the provider before review and policy denies it/,
    );
    // The arguments decide: a constraint the executed call broke.
    assert.match(use('send_email', { to: 'x@evil.test' }) ?? '', /policy denies it: .*argument constraint/);
    assert.match(use('wire_money') ?? '', /requires approval for it/);
    assert.deepEqual(
      state.decisions.map((d) => [d.resource, d.effect, d.executedUpstream]),
      [
        ['search', 'allow', true],
        ['send_email', 'allow', true],
        ['delete_repo', 'deny', true],
        ['send_email', 'deny', true],
        ['wire_money', 'require-approval', true],
      ],
    );
    assert.ok(state.decisions.every((d) => d.reasons.some((r) => /executed upstream by the provider/.test(r))));
  });

  it('withholds nothing in monitor mode and records the same decisions', () => {
    const { state, use } = setup('monitor');
    assert.equal(use('delete_repo'), undefined);
    assert.deepEqual(
      state.decisions.map((d) => [d.resource, d.effect, d.mode, d.executedUpstream]),
      [['delete_repo', 'deny', 'monitor', true]],
    );
  });
});

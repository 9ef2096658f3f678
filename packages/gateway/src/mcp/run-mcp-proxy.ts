// Wiring for `rampart mcp-proxy`: policy + detectors + store, the pinned lockfile written by
// `rampart mcp pin`, and either a stdio child server or a streamable-HTTP upstream.
import { readFile } from 'node:fs/promises';
import { ConfigError } from '@rampart/core';
import { detectorChecks } from '../adapters/detector-checks.js';
import { loadPolicy } from '../adapters/policy-port.js';
import { bindStore } from '../adapters/store-port.js';
import { parseGatewayConfig } from '../config.js';
import { Enforcer } from '../enforcer.js';
import { GatewayMetrics } from '../metrics.js';
import type { Identity } from '../ports.js';
import { createHttpMcpProxy } from './mcp-http.js';
import { McpInspector, type McpLock } from './mcp-inspector.js';
import { readOverrides } from './mcp-overrides.js';
import { runStdioProxy } from './mcp-stdio.js';

export interface McpProxyOptions {
  policy: string;
  /** Name of the server in the lockfile (`<client>/<name>` or `<name>`). */
  server: string;
  lock?: string;
  /** Operator overrides file (mcp-overrides.ts): tools of this server allowed at an exact definition hash. */
  overrides?: string;
  store?: string;
  mode?: 'enforce' | 'monitor';
  /** Virtual key presented by the agent (read from the environment by the CLI). */
  virtualKey?: string;
  command?: string[];
  upstreamUrl?: string;
  listen?: { host: string; port: number };
  /** What the leakage checks on tools/call arguments look for besides secrets and PII. */
  systemPrompt?: string;
  canaries?: string[];
  log: (msg: string) => void;
}

/** Reads the tools pinned for one server from a rampart-mcp.lock.json. */
export async function readLock(path: string, server: string): Promise<McpLock> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: cannot read MCP lockfile (${(e as Error).message})`, { path, cause: e });
  }
  const servers = (doc as { servers?: Record<string, { tools?: Record<string, string> }> }).servers;
  if (servers === undefined || typeof servers !== 'object')
    throw new ConfigError(`${path}: not a rampart MCP lockfile`, { path });
  // Own keys only: a server named "toString" is looked for in the file, not found on Object.prototype.
  const key = Object.hasOwn(servers, server) ? server : Object.keys(servers).find((k) => k.endsWith(`/${server}`));
  const tools = key === undefined ? undefined : servers[key]?.tools;
  if (tools === undefined) throw new ConfigError(`${path}: no pinned tools for server "${server}"`, { path });
  for (const [n, h] of Object.entries(tools)) {
    if (typeof h !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(h))
      throw new ConfigError(`${path}: bad hash for tool ${n}`, { path });
  }
  return { tools };
}

export async function runMcpProxy(o: McpProxyOptions): Promise<number> {
  if ((o.command === undefined) === (o.upstreamUrl === undefined)) {
    throw new ConfigError('give either a stdio server command or --upstream <url>, not both');
  }
  const mode = o.mode ?? 'enforce';
  const config = parseGatewayConfig({
    upstreams: {},
    mode,
    ...(o.systemPrompt === undefined ? {} : { systemPrompt: o.systemPrompt }),
    ...(o.canaries === undefined ? {} : { canaries: o.canaries }),
  });
  const policy = await loadPolicy(o.policy, o.log);
  const lock = o.lock === undefined ? undefined : await readLock(o.lock, o.server);
  const overrides = o.overrides === undefined ? undefined : await readOverrides(o.overrides, o.server);
  if (overrides !== undefined)
    o.log(`${overrides.size} tool override(s) for server ${o.server} (allowed at their definition hash only)`);
  const bound = await bindStore(o.store);
  let identity: Identity = { keyId: 'mcp-proxy', principal: 'local', roles: [] };
  if (o.virtualKey !== undefined) {
    const id = policy.port.authenticate(o.virtualKey);
    if (id === undefined) throw new ConfigError('the virtual key given to the MCP proxy is unknown or disabled');
    identity = id;
  }
  const enforcer = new Enforcer(config, policy.port, detectorChecks(config), new GatewayMetrics(), bound.approvals);
  const inspector = new McpInspector({
    server: o.server,
    identity,
    enforcer,
    audit: bound.audit,
    mode,
    ...(lock === undefined ? {} : { lock }),
    ...(overrides === undefined ? {} : { overrides }),
  });
  try {
    if (o.command !== undefined) {
      const [cmd, ...args] = o.command;
      if (cmd === undefined) throw new ConfigError('empty MCP server command');
      return await runStdioProxy({
        command: cmd,
        args,
        inspector,
        input: process.stdin,
        output: process.stdout,
        log: o.log,
      });
    }
    const proxy = createHttpMcpProxy({ upstream: o.upstreamUrl!, inspector, log: o.log });
    const l = o.listen ?? { host: '127.0.0.1', port: 8788 };
    const addr = await proxy.listen(l.port, l.host);
    o.log(`MCP proxy for ${o.upstreamUrl} on http://${addr.address}:${addr.port}/mcp`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await proxy.close();
    return 0;
  } finally {
    policy.stop();
    await bound.audit.close();
  }
}

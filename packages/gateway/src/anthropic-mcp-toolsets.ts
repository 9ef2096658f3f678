// Anthropic MCP connector: how a request enables a server's tools — an `mcp_toolset` in `tools`
// (beta `mcp-client-2025-11-20`) or the deprecated `tool_configuration` on the server entry — read
// into one switch per place that names the tools and can turn one off (anthropic-mcp-servers.ts
// reviews them). Malformed entries are a 400.
import { GatewayHttpError } from './provider-errors.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const MAX_NAMES = 256;
const CURRENT_BETA = 'mcp-client-2025-11-20';

/** One place a request enables a server's tools: an `mcp_toolset`, or the old `tool_configuration`. */
export interface ToolSwitch {
  /** The tool names it enables; undefined when it does not enumerate them (all, or all but a deny list). */
  names: string[] | undefined;
  /** Turns one of `names` off in the request. */
  disable(name: string): void;
  /** Validation rewrote it (an empty allowed_tools made explicit). */
  changed: boolean;
}

/**
 * Whether `mcp_toolset` alone says which tools are enabled: the request names the current connector
 * version and no other. Otherwise (the deprecated version, an unknown one, none) a server entry
 * without tool_configuration may mean all its tools.
 */
export function toolsetOnly(beta: unknown): boolean {
  if (typeof beta !== 'string') return false;
  const betas = beta.split(',').map((b) => b.trim());
  return betas.includes(CURRENT_BETA) && betas.every((b) => b === CURRENT_BETA || !b.startsWith('mcp-client-'));
}

/** `{type: mcp_toolset}`: tools are named only when default_config.enabled is false. */
export function toolsetSwitch(t: Obj, server: string): ToolSwitch {
  const dc = t.default_config;
  if (dc !== undefined && !isObj(dc)) throw badConnector(`mcp_toolset ${server}: default_config must be an object`);
  const configs = t.configs;
  if (configs !== undefined && !isObj(configs)) throw badConnector(`mcp_toolset ${server}: configs must be an object`);
  const entries = configs === undefined ? [] : Object.entries(configs);
  if (entries.length > MAX_NAMES) throw badConnector(`mcp_toolset ${server}: more than ${MAX_NAMES} configs`);
  for (const [, c] of entries)
    if (!isObj(c) || !isFlag(c.enabled)) throw badConnector(`mcp_toolset ${server}: each config must be an object`);
  if (dc !== undefined && !isFlag(dc.enabled)) throw badConnector(`mcp_toolset ${server}: enabled must be a boolean`);
  if (dc?.enabled !== false) return { names: undefined, disable: () => undefined, changed: false };
  return {
    names: entries.filter(([, c]) => (c as Obj).enabled === true).map(([n]) => n),
    disable: (n) => {
      ((configs as Obj)[n] as Obj).enabled = false;
    },
    changed: false,
  };
}

/** The deprecated `tool_configuration: {enabled, allowed_tools}` on the server entry (all tools by default). */
export function legacySwitch(s: Obj, server: string): ToolSwitch {
  const tc = s.tool_configuration;
  const all: ToolSwitch = { names: undefined, disable: () => undefined, changed: false };
  if (tc === undefined || tc === null) return all;
  if (!isObj(tc) || !isFlag(tc.enabled))
    throw badConnector(`mcp server ${server}: tool_configuration must be an object`, 'mcp_servers');
  if (tc.enabled === false) return { names: [], disable: () => undefined, changed: false };
  const list = tc.allowed_tools;
  if (list === undefined || list === null) return all;
  if (!Array.isArray(list) || list.length > MAX_NAMES || !list.every((n) => typeof n === 'string'))
    throw badConnector(`mcp server ${server}: allowed_tools must be at most ${MAX_NAMES} tool names`, 'mcp_servers');
  // An empty list must mean no tool whatever the provider reads into it.
  const none = list.length === 0;
  if (none) tc.enabled = false;
  return {
    names: [...(list as string[])],
    disable: (n) => {
      tc.allowed_tools = (tc.allowed_tools as string[]).filter((x) => x !== n);
    },
    changed: none,
  };
}

function isFlag(v: unknown): boolean {
  return v === undefined || typeof v === 'boolean';
}

/** A malformed connector entry: 400 `invalid_mcp_servers`. */
export function badConnector(message: string, param = 'tools'): GatewayHttpError {
  return new GatewayHttpError('invalid_request', 'invalid_mcp_servers', message, param);
}

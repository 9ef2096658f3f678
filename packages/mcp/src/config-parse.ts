// Reads the MCP server entries out of any supported client config (JSON/JSONC, Codex TOML,
// Continue YAML) into McpServerConfig. Unknown shapes yield no servers, never a crash; syntax
// errors are ParseErrors naming the file and line.
import { LimitError, ParseError } from '@rampart/core';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { ConfigFormat } from './clients.js';
import { lineIndex, parseJsonc } from './jsonc.js';
import type { McpServerConfig, Transport } from './server-config.js';

/** Config files are small; anything bigger is not a client config we should trust to parse. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** More entries than this in one file is a limit, reported as inconclusive. */
export const MAX_SERVERS_PER_FILE = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function strRecord(v: unknown): Record<string, string> {
  if (!isObj(v)) return {};
  // fromEntries defines own keys: `out["__proto__"] = val` would drop an env entry so named unread.
  const out: [string, string][] = [];
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') out.push([k, val]);
    else if (typeof val === 'number' || typeof val === 'boolean') out.push([k, String(val)]);
  }
  return Object.fromEntries(out);
}

function strArray(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').map(String);
}

function transportOf(type: string | undefined, hasUrl: boolean, hasCommand: boolean, urlKey?: string): Transport {
  const t = type?.toLowerCase();
  if (t === 'stdio' || t === 'local') return 'stdio';
  if (t === 'sse') return 'sse';
  if (t === 'http' || t === 'streamable-http' || t === 'streamablehttp' || t === 'streamable_http') return 'http';
  if (t === 'remote') return 'http';
  if (hasCommand) return 'stdio';
  if (hasUrl) {
    if (urlKey === 'httpUrl' || urlKey === 'serverUrl') return 'http';
    return 'unknown';
  }
  return 'unknown';
}

/** Turn one entry (any client's flavour) into a McpServerConfig, or undefined when it is not one. */
export function normaliseEntry(
  name: string,
  raw: unknown,
  base: { client: string; configPath: string; line?: number },
): McpServerConfig | undefined {
  if (!isObj(raw)) return undefined;
  let command: string | undefined;
  let args: string[] = strArray(raw.args);
  let env = strRecord(raw.env ?? raw.environment);
  const cmd = raw.command;
  if (typeof cmd === 'string') command = cmd;
  else if (Array.isArray(cmd)) {
    // opencode: command is an argv array.
    const a = strArray(cmd);
    command = a[0];
    args = [...a.slice(1), ...args];
  } else if (isObj(cmd)) {
    // Zed: "command": {"path", "args", "env"}.
    command = str(cmd.path) ?? str(cmd.command);
    args = strArray(cmd.args);
    env = { ...env, ...strRecord(cmd.env) };
  }
  let urlKey: string | undefined;
  let url: string | undefined;
  for (const k of ['url', 'httpUrl', 'serverUrl', 'uri']) {
    const u = str(raw[k]);
    if (u !== undefined) {
      url = u;
      urlKey = k;
      break;
    }
  }
  // Continue's legacy shape: {"transport": {"type", "command", "args", "url"}}.
  if (command === undefined && url === undefined && isObj(raw.transport)) {
    return normaliseEntry(name, { ...raw.transport, type: raw.transport.type }, base);
  }
  if (command === undefined && url === undefined) return undefined;
  const headers = { ...strRecord(raw.headers), ...strRecord(raw.http_headers) };
  const type = str(raw.type) ?? str(raw.transport);
  const server: McpServerConfig = {
    name,
    client: base.client,
    configPath: base.configPath,
    transport: transportOf(type, url !== undefined, command !== undefined, urlKey),
    args,
    env,
    headers,
  };
  if (base.line !== undefined) server.line = base.line;
  if (command !== undefined) server.command = command;
  if (url !== undefined) server.url = url;
  const cwd = str(raw.cwd);
  if (cwd !== undefined) server.cwd = cwd;
  if (raw.disabled === true || raw.enabled === false) server.disabled = true;
  // Codex: bearer_token_env_var names the env var holding a token: it is auth, record it as a header.
  const bearerVar = str(raw.bearer_token_env_var);
  if (bearerVar !== undefined && server.headers.Authorization === undefined) {
    server.headers.Authorization = `Bearer $\{${bearerVar}}`;
  }
  return server;
}

/** Where each client keeps its server map, as key paths into the parsed document. */
function serverMaps(doc: Obj): Array<{ map: unknown; scope?: string }> {
  const out: Array<{ map: unknown; scope?: string }> = [];
  const push = (map: unknown, scope?: string) => {
    if (map !== undefined) out.push(scope === undefined ? { map } : { map, scope });
  };
  push(doc.mcpServers);
  push(doc.servers); // .vscode/mcp.json
  if (isObj(doc.mcp)) {
    push(doc.mcp.servers); // VS Code settings.json
    if (!('servers' in doc.mcp)) push(doc.mcp); // opencode: "mcp": {name: {...}}
  }
  push(doc.context_servers); // Zed
  push(doc.mcp_servers); // Codex TOML
  if (isObj(doc.experimental)) push(doc.experimental.modelContextProtocolServers); // Continue (json)
  if (isObj(doc.projects)) {
    // ~/.claude.json keeps per-project servers under projects.<path>.mcpServers.
    for (const [proj, p] of Object.entries(doc.projects)) if (isObj(p)) push(p.mcpServers, proj);
  }
  return out;
}

/** Best-effort line of an entry's key (JSON `"name"`, TOML `[mcp_servers.name]`, YAML `name:`). */
function lineOfKey(text: string, name: string, lineAt: (offset: number) => number): number | undefined {
  const candidates = [`"${name}"`, `[mcp_servers.${name}]`, `[mcp_servers."${name}"]`, `name: ${name}`, `${name}:`];
  for (const c of candidates) {
    const i = text.indexOf(c);
    if (i >= 0) return lineAt(i);
  }
  return undefined;
}

function parseDocument(path: string, text: string, format: ConfigFormat): unknown {
  if (format === 'json') return parseJsonc(path, text);
  try {
    if (format === 'toml') return parseToml(text);
    // maxAliasCount bounds billion-laughs style alias expansion.
    return parseYaml(text, { maxAliasCount: 100, uniqueKeys: false });
  } catch (cause) {
    const e = cause as { line?: number; linePos?: Array<{ line: number }> };
    const line = e.line ?? e.linePos?.[0]?.line;
    const where = line === undefined ? path : `${path}:${line}`;
    throw new ParseError(`${where}: invalid ${format.toUpperCase()} (${(cause as Error).message.split('\n')[0]})`, {
      path,
      cause,
    });
  }
}

/** All MCP servers declared in one config file's text. Throws ParseError / LimitError. */
export function parseClientConfig(path: string, text: string, client: string, format: ConfigFormat): McpServerConfig[] {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new LimitError('maxConfigBytes', `${path}: config larger than ${MAX_CONFIG_BYTES} bytes`, { path });
  }
  const doc = parseDocument(path, text, format);
  if (!isObj(doc)) return [];
  const servers: McpServerConfig[] = [];
  const lineAt = lineIndex(text);
  for (const { map } of serverMaps(doc)) {
    const entries: Array<[string, unknown]> = Array.isArray(map)
      ? map.map((v, i) => [str(isObj(v) ? v.name : undefined) ?? `server-${i + 1}`, v])
      : isObj(map)
        ? Object.entries(map)
        : [];
    for (const [name, raw] of entries) {
      if (servers.length >= MAX_SERVERS_PER_FILE) {
        throw new LimitError('maxServersPerFile', `${path}: more than ${MAX_SERVERS_PER_FILE} MCP servers`, { path });
      }
      const line = lineOfKey(text, name, lineAt);
      const base = { client, configPath: path, ...(line === undefined ? {} : { line }) };
      const s = normaliseEntry(name, raw, base);
      if (s) servers.push(s);
    }
  }
  return servers;
}

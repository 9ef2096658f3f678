// Live inspection (`--connect`): connects to one server over stdio, SSE or streamable HTTP with the
// official SDK client, lists tools, prompts and resources under one hard deadline, and never calls a
// tool. Any failure (hang, crash, garbage, oversize, bad handshake) becomes a reason string.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike, Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { z } from 'zod';
import { BoundedStdioTransport, minimalEnv } from './bounded-stdio.js';
import { argv, type McpServerConfig } from './server-config.js';
import type { McpTool } from './tool-model.js';

export interface InspectOptions {
  /** Hard deadline for connect + all listings, per server. */
  timeoutMs?: number;
  maxMessageBytes?: number;
  maxTotalBytes?: number;
  maxTools?: number;
  /** Environment the minimal env is drawn from (tests inject their own). */
  baseEnv?: NodeJS.ProcessEnv;
}

export interface InspectSuccess {
  ok: true;
  serverInfo?: { name: string; version: string };
  tools: McpTool[];
  prompts: Array<{ name: string; description?: string }>;
  resources: Array<{ name?: string; uri?: string; description?: string }>;
  elapsedMs: number;
}
export interface InspectFailure {
  ok: false;
  code: 'E_TIMEOUT' | 'E_UPSTREAM' | 'E_LIMIT' | 'E_PARSE' | 'E_USAGE';
  reason: string;
  elapsedMs: number;
}
export type InspectResult = InspectSuccess | InspectFailure;

const DEFAULTS = {
  timeoutMs: 15_000,
  maxMessageBytes: 4 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxTools: 5000,
};

/** A fetch whose response bodies are cut off (with an error) past `max` bytes. */
export function boundedFetch(max: number): FetchLike {
  return async (url, init) => {
    const res = await fetch(url, init);
    if (!res.body) return res;
    let seen = 0;
    const limited = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, ctl) {
          seen += chunk.byteLength;
          if (seen > max) ctl.error(new Error(`response larger than ${max} bytes`));
          else ctl.enqueue(chunk);
        },
      }),
    );
    return new Response(limited, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Expand ${VAR} / ${env:VAR} in header values from the given environment; unknown stay as is. */
function expand(v: string, env: NodeJS.ProcessEnv): string {
  return v.replace(/\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]{0,100})\}/g, (m, name: string) => env[name] ?? m);
}

function makeTransport(
  s: McpServerConfig,
  o: Required<Omit<InspectOptions, 'baseEnv'>>,
  baseEnv: NodeJS.ProcessEnv,
  kind: 'http' | 'sse',
): Transport {
  if (s.url === undefined) throw new Error('no url');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.headers)) headers[k] = expand(v, baseEnv);
  const opts = { requestInit: { headers }, fetch: boundedFetch(o.maxMessageBytes) };
  return kind === 'sse'
    ? new SSEClientTransport(new URL(s.url), opts)
    : new StreamableHTTPClientTransport(new URL(s.url), opts);
}

class Deadline extends Error {}

// tools/list is read with a result schema that keeps each tool as it was parsed from JSON. The SDK's
// own ListToolsResultSchema rebuilds every object by assignment, so a key named "__proto__" (an own
// key after JSON.parse, read and hashed by the MCP proxy) was dropped and a pin never matched what
// the proxy sees; it also compiled each outputSchema into a validator we never use.
const RawToolsPage = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One listed tool, checked for the fields a pin covers and copied without re-parsing its values. */
function toolOf(t: unknown, at: number): McpTool {
  const bad = (why: string) => new Error(`tools/list: tool #${at} ${why}`);
  if (!isObj(t) || typeof t.name !== 'string') throw bad('is not an object with a string name');
  const tool: McpTool = { name: t.name };
  for (const k of ['title', 'description'] as const) {
    const v = t[k];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw bad(`has a ${k} that is not a string`);
    tool[k] = v;
  }
  if (!isObj(t.inputSchema)) throw bad('has no inputSchema object');
  tool.inputSchema = t.inputSchema;
  for (const k of ['outputSchema', 'annotations'] as const) {
    const v = t[k];
    if (v === undefined) continue;
    if (!isObj(v)) throw bad(`has an ${k} that is not an object`);
    tool[k] = v;
  }
  return tool;
}

async function listAll(client: Client, o: Required<Omit<InspectOptions, 'baseEnv'>>, remaining: () => number) {
  const caps = client.getServerCapabilities() ?? {};
  const tools: McpTool[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const params = cursor ? { cursor } : {};
    const r = await client.request({ method: 'tools/list', params }, RawToolsPage, { timeout: remaining() });
    for (const t of r.tools) {
      tools.push(toolOf(t, tools.length));
      if (tools.length > o.maxTools) throw new Error(`more than ${o.maxTools} tools`);
    }
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  const prompts: InspectSuccess['prompts'] = [];
  if (caps.prompts) {
    const r = await client.listPrompts({}, { timeout: remaining() });
    for (const p of r.prompts.slice(0, o.maxTools))
      prompts.push(p.description === undefined ? { name: p.name } : { name: p.name, description: p.description });
  }
  const resources: InspectSuccess['resources'] = [];
  if (caps.resources) {
    const r = await client.listResources({}, { timeout: remaining() });
    for (const x of r.resources.slice(0, o.maxTools))
      resources.push({
        name: x.name,
        uri: x.uri,
        ...(x.description === undefined ? {} : { description: x.description }),
      });
  }
  return { tools, prompts, resources };
}

async function attempt(
  s: McpServerConfig,
  o: Required<Omit<InspectOptions, 'baseEnv'>>,
  baseEnv: NodeJS.ProcessEnv,
  kind: 'stdio' | 'http' | 'sse',
  started: number,
): Promise<InspectResult> {
  const remaining = () => {
    const r = o.timeoutMs - (Date.now() - started);
    if (r <= 0) throw new Deadline();
    return r;
  };
  let transport: Transport;
  if (kind === 'stdio') {
    const a = argv(s);
    if (a.length === 0) return { ok: false, code: 'E_USAGE', reason: 'no command to run', elapsedMs: 0 };
    transport = new BoundedStdioTransport({
      command: a[0]!,
      args: a.slice(1),
      env: minimalEnv(s.env, baseEnv),
      ...(s.cwd ? { cwd: s.cwd } : {}),
      maxMessageBytes: o.maxMessageBytes,
      maxTotalBytes: o.maxTotalBytes,
      maxGarbageLines: 200,
    });
  } else transport = makeTransport(s, o, baseEnv, kind);
  // No capabilities declared: the server cannot ask us for sampling, roots or elicitation.
  const client = new Client({ name: 'rampart-inspector', version: '0.1.0' }, { capabilities: {} });
  client.onerror = () => {};
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Deadline()), Math.max(1, o.timeoutMs - (Date.now() - started)));
  });
  let stage = 'initialize';
  try {
    const work = (async () => {
      await client.connect(transport, { timeout: remaining() });
      stage = 'listing';
      const listed = await listAll(client, o, remaining);
      const v = client.getServerVersion();
      return { ...listed, ...(v ? { serverInfo: { name: v.name, version: v.version } } : {}) };
    })();
    work.catch(() => {}); // the race below reports it; avoid an unhandled rejection after a timeout
    const r = await Promise.race([work, deadline]);
    return { ok: true, ...r, elapsedMs: Date.now() - started };
  } catch (e) {
    const stdio = transport instanceof BoundedStdioTransport ? transport : undefined;
    const elapsedMs = Date.now() - started;
    if (stdio?.failure) {
      const code = /larger than|more than/.test(stdio.failure)
        ? 'E_LIMIT'
        : /not JSON-RPC/.test(stdio.failure)
          ? 'E_PARSE'
          : 'E_UPSTREAM';
      return { ok: false, code, reason: `${stdio.failure} (during ${stage})`, elapsedMs };
    }
    if (e instanceof Deadline || /timed out|timeout/i.test((e as Error).message)) {
      const garbage = stdio?.garbageLines
        ? `; ${stdio.garbageLines} non-JSON-RPC stdout line(s), first: ${JSON.stringify(stdio.firstGarbage)}`
        : '';
      return {
        ok: false,
        code: 'E_TIMEOUT',
        reason: `no answer to ${stage} within ${o.timeoutMs} ms${garbage}`,
        elapsedMs,
      };
    }
    const msg = (e as Error).message ?? String(e);
    return {
      ok: false,
      code: /larger than|more than/.test(msg) ? 'E_LIMIT' : 'E_UPSTREAM',
      reason: `${stage} failed: ${msg.slice(0, 300)}`,
      elapsedMs,
    };
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => {});
    await transport.close().catch(() => {});
  }
}

/** Inspect one server. Never throws; never calls a tool. */
export async function inspectServer(s: McpServerConfig, options: InspectOptions = {}): Promise<InspectResult> {
  const o = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([k, v]) => v !== undefined && k !== 'baseEnv')),
  } as Required<Omit<InspectOptions, 'baseEnv'>>;
  const baseEnv = options.baseEnv ?? process.env;
  const started = Date.now();
  if (s.command !== undefined && s.transport !== 'http' && s.transport !== 'sse')
    return attempt(s, o, baseEnv, 'stdio', started);
  if (s.url === undefined) return { ok: false, code: 'E_USAGE', reason: 'neither a command nor a url', elapsedMs: 0 };
  if (s.transport === 'sse') return attempt(s, o, baseEnv, 'sse', started);
  const r = await attempt(s, o, baseEnv, 'http', started);
  // Unknown transport: fall back to legacy SSE, as the SDK recommends, within the same deadline.
  if (!r.ok && s.transport === 'unknown' && r.code !== 'E_TIMEOUT') {
    const sse = await attempt(s, o, baseEnv, 'sse', started);
    return sse.ok ? sse : { ...r, reason: `${r.reason}; SSE fallback: ${sse.reason}` };
  }
  return r;
}

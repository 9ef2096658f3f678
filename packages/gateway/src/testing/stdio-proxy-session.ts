// One stdio MCP proxy session for tests: starts `rampart mcp-proxy`'s stdio loop in-process around a
// real server command, initializes, sends each [method, params] in turn, waits for each answer (by id,
// at most 10 s), then closes stdin and checks the proxy exited 0. Returns the answers in order; the
// messages the client got without an id (notifications) go to `notifications` when it is given.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { McpInspector } from '../mcp/mcp-inspector.js';
import { lineReader, runStdioProxy } from '../mcp/mcp-stdio.js';

export interface JsonRpcReply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

export interface StdioSessionOptions {
  inspector: McpInspector;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Collects what the client received besides answers (server notifications), in order. */
  notifications?: Array<Record<string, unknown>>;
}

export async function stdioProxySession(
  o: StdioSessionOptions,
  asks: ReadonlyArray<readonly [string, unknown]>,
): Promise<JsonRpcReply[]> {
  const input = new PassThrough();
  const output = new PassThrough();
  const replies = new Map<number, JsonRpcReply>();
  lineReader(
    output,
    1 << 20,
    (l) => {
      const m = JSON.parse(l) as Record<string, unknown>;
      if (typeof m.id === 'number') replies.set(m.id, m as JsonRpcReply);
      else if (m.id === undefined && typeof m.method === 'string') o.notifications?.push(m);
    },
    () => {},
  );
  const done = runStdioProxy({
    command: o.command,
    args: o.args,
    env: o.env ?? process.env,
    inspector: o.inspector,
    input,
    output,
    log: () => undefined,
  });
  const ask = async (id: number, method: string, params: unknown): Promise<JsonRpcReply> => {
    input.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    for (let i = 0; i < 500 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 20));
    const r = replies.get(id);
    assert.ok(r, `no reply to ${method}`);
    return r;
  };
  await ask(1, 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 't', version: '1' },
  });
  const answers: JsonRpcReply[] = [];
  for (const [i, [method, params]] of asks.entries()) answers.push(await ask(2 + i, method, params));
  input.end();
  assert.equal(await done, 0);
  return answers;
}

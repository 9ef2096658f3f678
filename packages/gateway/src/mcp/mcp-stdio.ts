// `rampart mcp proxy -- <command...>`: wraps a stdio MCP server. Newline-delimited JSON-RPC in both
// directions passes through the McpInspector, one message at a time per direction (order kept); a
// server request the inspector refuses (sampling, elicitation) is answered to the server. The
// inspector's own listings (a use its session's listings cannot vouch for) go to the server with ids
// of the proxy's own; their answers are taken out of the server's stream, never shown to the client.
// Lines are bounded; a malformed line from the server is dropped, never forwarded unchecked.
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { McpInspector } from './mcp-inspector.js';
import { OwnRequests } from './mcp-server-link.js';

export interface StdioProxyOptions {
  command: string;
  args: string[];
  inspector: McpInspector;
  input: Readable;
  output: Writable;
  log: (msg: string) => void;
  maxLineBytes?: number;
  env?: NodeJS.ProcessEnv;
}

/** Splits a byte stream into lines, refusing any line longer than `max`. */
export function lineReader(src: Readable, max: number, onLine: (line: string) => void, onTooLong: () => void): void {
  let buf = '';
  src.setEncoding('utf8');
  src.on('data', (chunk: string) => {
    buf += chunk;
    let nl = buf.indexOf('\n');
    while (nl !== -1) {
      const line = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      if (line.trim() !== '') onLine(line);
      nl = buf.indexOf('\n');
    }
    if (buf.length > max) {
      buf = '';
      onTooLong();
    }
  });
}

export function runStdioProxy(o: StdioProxyOptions): Promise<number> {
  const max = o.maxLineBytes ?? 16 * 1024 * 1024;
  const child = spawn(o.command, o.args, { stdio: ['pipe', 'pipe', 'inherit'], env: o.env ?? process.env });
  let toServer = Promise.resolve();
  let toClient = Promise.resolve();
  const send = (w: Writable, m: unknown): void => {
    w.write(`${JSON.stringify(m)}\n`);
  };
  // One session: the stdio server's whole life.
  const link = new OwnRequests((m) => send(child.stdin, m));
  const context = { scope: '', session: '', link };

  lineReader(
    o.input,
    max,
    (line) => {
      toServer = toServer.then(async () => {
        let msg: unknown;
        try {
          msg = JSON.parse(line);
        } catch {
          send(o.output, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
          return;
        }
        if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
          send(o.output, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request' } });
          return;
        }
        const v = await o.inspector.fromClient(msg as Record<string, unknown>, context).catch((e: unknown) => {
          o.log(`inspection failed (request refused): ${(e as Error).message}`);
          const id = (msg as { id?: unknown }).id ?? null;
          return {
            forward: undefined,
            reply: { jsonrpc: '2.0', id, error: { code: -32603, message: 'Rampart could not check this request' } },
          };
        });
        if (v.reply) toClient = toClient.then(() => send(o.output, v.reply));
        if (v.forward) send(child.stdin, v.forward);
      });
    },
    () => o.log('client message exceeds the line limit; dropped'),
  );

  lineReader(
    child.stdout,
    max,
    (line) => {
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        o.log('server wrote a non-JSON line; dropped');
        return;
      }
      if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return;
      const m = msg as Record<string, unknown>;
      // Answers to the proxy's own listings settle at once: a client request may be waiting on them.
      if (link.settle(m)) return;
      toClient = toClient.then(async () => {
        const v = await o.inspector.fromServerVerdict(m, context).catch((e: unknown) => {
          o.log(`inspection failed (message withheld): ${(e as Error).message}`);
          const error = { code: -32603, message: 'Rampart could not check this message' };
          // A response the client waits for gets an error; a server request the server waits for, too.
          if (m.id === undefined) return { forward: undefined, reply: undefined };
          const answer = { jsonrpc: '2.0', id: m.id, error };
          return m.method === undefined ? { forward: answer, reply: undefined } : { forward: undefined, reply: answer };
        });
        if (v.forward) send(o.output, v.forward);
        // A refused server request is answered to the server, in order with the client's messages.
        if (v.reply) toServer = toServer.then(() => send(child.stdin, v.reply));
      });
    },
    () => o.log('server message exceeds the line limit; dropped'),
  );

  o.input.on('end', () => {
    void toServer.then(() => child.stdin.end());
  });
  return new Promise((resolve) => {
    child.on('error', (e) => {
      o.log(`cannot start MCP server: ${e.message}`);
      resolve(2);
    });
    child.on('exit', (code, signal) => {
      void toClient.then(() => resolve(code ?? (signal ? 1 : 0)));
    });
  });
}

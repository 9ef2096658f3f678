// Fronts a streamable-HTTP MCP server: POST /mcp bodies (one message or a batch) pass the
// McpInspector before forwarding; JSON and SSE answers are inspected message by message on the
// way back. Session and protocol headers pass through; other methods on /mcp are forwarded as-is
// only for DELETE (session end). Bounded bodies, provider-neutral JSON-RPC errors.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { isJsonContentType, parseJsonValue, readBody } from '../http-body.js';
import { GatewayHttpError } from '../provider-errors.js';
import { SseParser } from '../sse.js';
import type { McpInspector } from './mcp-inspector.js';

const PASS = ['mcp-session-id', 'mcp-protocol-version', 'accept', 'last-event-id'];
type Msg = Record<string, unknown>;

export interface HttpMcpProxy {
  server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

export function createHttpMcpProxy(o: {
  upstream: string;
  inspector: McpInspector;
  maxBodyBytes?: number;
  /** Extra headers for the upstream (e.g. its own Authorization), never logged. */
  upstreamHeaders?: Record<string, string>;
}): HttpMcpProxy {
  const url = new URL(o.upstream);
  const pool = new Pool(url.origin, { connections: 32, headersTimeout: 60_000, bodyTimeout: 300_000 });
  const limit = o.maxBodyBytes ?? 4 * 1024 * 1024;
  const rpcError = (res: import('node:http').ServerResponse, status: number, message: string): void => {
    const b = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message } });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) });
    res.end(b);
  };
  const server = createServer(async (req, res) => {
    try {
      if ((req.url ?? '').split('?')[0] !== '/mcp') return rpcError(res, 404, 'unknown path; use /mcp');
      const headers: Record<string, string> = { ...o.upstreamHeaders };
      for (const h of PASS) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      if (req.method === 'DELETE') {
        const up = await pool.request({ method: 'DELETE', path: url.pathname, headers });
        await up.body.dump();
        res.writeHead(up.statusCode).end();
        return;
      }
      if (req.method !== 'POST') {
        req.resume();
        return rpcError(res, 405, 'only POST and DELETE are supported through the Rampart MCP proxy');
      }
      if (!isJsonContentType(req.headers['content-type'])) {
        req.resume();
        return rpcError(res, 415, 'Content-Type must be application/json');
      }
      const body = parseJsonValue(await readBody(req, limit));
      const batch = Array.isArray(body) ? body : [body];
      const forward: Msg[] = [];
      const replies: Msg[] = [];
      for (const m of batch) {
        if (m === null || typeof m !== 'object' || Array.isArray(m))
          return rpcError(res, 400, 'invalid JSON-RPC message');
        const v = await o.inspector.fromClient(m as Msg);
        if (v.forward) forward.push(v.forward);
        if (v.reply) replies.push(v.reply);
      }
      if (forward.length === 0) {
        const b = JSON.stringify(Array.isArray(body) ? replies : replies[0]);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) });
        res.end(b);
        return;
      }
      headers['content-type'] = 'application/json';
      const up = await pool.request({
        method: 'POST',
        path: url.pathname + url.search,
        headers,
        body: JSON.stringify(Array.isArray(body) ? forward : forward[0]),
      });
      const out: Record<string, string> = {};
      const sid = up.headers['mcp-session-id'];
      if (typeof sid === 'string') out['mcp-session-id'] = sid;
      const type = String(up.headers['content-type'] ?? '');
      if (type.startsWith('text/event-stream')) {
        res.writeHead(up.statusCode, { ...out, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        for (const r of replies) res.write(`event: message\ndata: ${JSON.stringify(r)}\n\n`);
        const parser = new SseParser();
        for await (const chunk of up.body) {
          for (const ev of parser.push(chunk)) {
            const msg = parseJsonValue(Buffer.from(ev.data));
            const checked =
              msg !== null && typeof msg === 'object' && !Array.isArray(msg)
                ? await o.inspector.fromServer(msg as Msg)
                : undefined;
            if (checked) res.write(`event: message\ndata: ${JSON.stringify(checked)}\n\n`);
          }
        }
        res.end();
        return;
      }
      const raw = await up.body.arrayBuffer();
      if (raw.byteLength === 0 || !type.includes('json')) {
        res.writeHead(up.statusCode, out).end(Buffer.from(raw));
        return;
      }
      const answer = parseJsonValue(Buffer.from(raw));
      const list = Array.isArray(answer) ? answer : [answer];
      const checked: Msg[] = [...replies];
      for (const m of list) {
        const c = m !== null && typeof m === 'object' ? await o.inspector.fromServer(m as Msg) : undefined;
        if (c) checked.push(c);
      }
      const b = JSON.stringify(Array.isArray(answer) || checked.length > 1 ? checked : checked[0]);
      res.writeHead(up.statusCode, {
        ...out,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(b),
      });
      res.end(b);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = e instanceof GatewayHttpError ? e.status : 502;
      rpcError(res, status, e instanceof GatewayHttpError ? e.message : 'MCP upstream failed');
    }
  });
  return {
    server,
    listen(port, host) {
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address() as AddressInfo)));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
    },
  };
}

// Fronts a streamable-HTTP MCP server (spec revisions 2025-03-26 and 2025-06-18) on /mcp:
// - POST: client messages (one or a batch) pass the McpInspector first; refused calls are answered
//   here. The server's answer, JSON or an SSE stream, is inspected message by message
//   (mcp-http-relay.ts).
// - GET: the session's SSE stream of server-initiated messages, inspected the same way.
// - DELETE: ends the session upstream; once it is ended (or the server answers 404 for it), the
//   inspector forgets what the session's listings showed.
// Session and protocol-version headers pass both ways. SSE event ids (and retry hints) are relayed,
// so a client resumes a broken stream with GET + Last-Event-ID (spec 2025-06-18, "Resumability and
// Redelivery"); what the server replays is checked like any other event. The inspector's own
// listings (a use the session's listings cannot vouch for) are POSTed in the client's session with
// ids of the proxy's own, and their answers are read by mcp-http-own-link.ts, never relayed (the
// server's other messages on those streams are answered, applied or dropped there, and logged).
// Bodies and events are bounded; anything that cannot be checked is dropped or answered with a
// JSON-RPC error, never forwarded unchecked.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isJsonContentType, parseJsonValue, readBody } from '../http-body.js';
import { GatewayHttpError } from '../provider-errors.js';
import { ownLink } from './mcp-http-own-link.js';
import { passThrough, ServerMessageRelay } from './mcp-http-relay.js';
import {
  backHeaders,
  isMsg,
  McpUpstream,
  type Msg,
  readUpstream,
  sessionHeaders,
  type UpstreamAnswer,
} from './mcp-http-upstream.js';
import type { McpInspector, MessageContext } from './mcp-inspector.js';

const PASS = ['mcp-session-id', 'mcp-protocol-version', 'accept', 'last-event-id'];
/** Event ids relayed (sse.ts keeps no longer one), so no longer Last-Event-ID can be one of ours. */
const MAX_EVENT_ID = 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface HttpMcpProxy {
  server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

export interface HttpMcpProxyOptions {
  upstream: string;
  inspector: McpInspector;
  /** Bound on a request body, an upstream JSON answer and one upstream SSE event. */
  maxBodyBytes?: number;
  /** Extra headers for the upstream (e.g. its own Authorization), never logged. */
  upstreamHeaders?: Record<string, string>;
  /** Browser origins allowed besides loopback ones (the spec's DNS-rebinding guard). */
  allowedOrigins?: string[];
  log?: (msg: string) => void;
}

export function createHttpMcpProxy(o: HttpMcpProxyOptions): HttpMcpProxy {
  const limit = o.maxBodyBytes ?? 4 * 1024 * 1024;
  const log = o.log ?? (() => undefined);
  const upstream = new McpUpstream(o.upstream, log);
  const relay = new ServerMessageRelay({ inspector: o.inspector, upstream, limit, log });

  const rpcError = (res: ServerResponse, status: number, message: string, code = -32600): void => {
    const b = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message } });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) });
    res.end(b);
  };

  const originAllowed = (origin: string | undefined): boolean => {
    if (origin === undefined) return true; // not a browser
    if (o.allowedOrigins?.includes(origin)) return true;
    try {
      return LOOPBACK.has(new URL(origin).hostname);
    } catch {
      return false;
    }
  };

  /**
   * The upstream's answer ends the client's session: a 404 for a request naming it (the server ended
   * or expired it, spec "Session Management"), or `deleted` (the DELETE succeeded). The inspector
   * then forgets what the session's listings showed.
   */
  const sessionEnded = (session: string | undefined, up: UpstreamAnswer, deleted = false): void => {
    if (session === undefined) return;
    if (up.statusCode === 404 || (deleted && up.statusCode < 300)) o.inspector.endSession(session);
  };

  const post = async (
    req: IncomingMessage,
    res: ServerResponse,
    headers: Record<string, string>,
    session: string | undefined,
    signal: AbortSignal,
  ): Promise<void> => {
    if (!isJsonContentType(req.headers['content-type'])) {
      req.resume();
      return rpcError(res, 415, 'Content-Type must be application/json');
    }
    const body = parseJsonValue(await readBody(req, limit));
    const batch = Array.isArray(body) ? body : [body];
    if (batch.length === 0) return rpcError(res, 400, 'empty JSON-RPC batch');
    // Answers to this POST come back on its own response: without a session, scope the ids to it.
    const scope = session ?? `post:${randomUUID()}`;
    const link = ownLink({
      upstream,
      headers,
      limit,
      log,
      listChanged: (method) => o.inspector.listChanged(session ?? '', method),
    });
    const context: MessageContext = { scope, session: session ?? '', link };
    const forward: Msg[] = [];
    const replies: Msg[] = [];
    for (const m of batch) {
      if (!isMsg(m)) return rpcError(res, 400, 'invalid JSON-RPC message');
      try {
        const v = await o.inspector.fromClient(m, context);
        if (v.forward) forward.push(v.forward);
        if (v.reply) replies.push(v.reply);
      } catch (e) {
        log(`inspection failed (request refused): ${(e as Error).message}`);
        if (m.id !== undefined)
          replies.push({
            jsonrpc: '2.0',
            id: m.id,
            error: { code: -32603, message: 'Rampart could not check this request' },
          });
      }
    }
    const sendReplies = (extra: Record<string, string> = {}): void => {
      const b = JSON.stringify(Array.isArray(body) ? replies : replies[0]);
      res.writeHead(200, { ...extra, 'content-type': 'application/json', 'content-length': Buffer.byteLength(b) });
      res.end(b);
    };
    if (forward.length === 0) {
      if (replies.length > 0) return sendReplies();
      res.writeHead(202).end();
      return;
    }
    const up = await upstream.request({
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(Array.isArray(body) ? forward : forward[0]),
      signal,
    });
    sessionEnded(session, up);
    const type = String(up.headers['content-type'] ?? '');
    const back = sessionHeaders(headers, up);
    // The session the answer belongs to: the client's, or the one the server just assigned.
    const answerContext: MessageContext = { scope, session: back['mcp-session-id'] ?? '' };
    if (up.statusCode < 300 && type.startsWith('text/event-stream'))
      return relay.relaySse(res, up, answerContext, replies, back);
    if (up.statusCode >= 300 || !type.includes('json')) {
      // Notifications only (202), or an error status: not a message to inspect. Our own replies
      // still go out when the upstream accepted the rest.
      if (up.statusCode < 300 && replies.length > 0) {
        await up.body.dump();
        return sendReplies(backHeaders(up));
      }
      if (up.statusCode < 300 && type !== '' && up.statusCode !== 202 && up.statusCode !== 204) {
        await up.body.dump();
        throw new GatewayHttpError('upstream', 'upstream_malformed', `MCP upstream answered with ${type}`);
      }
      return passThrough(res, up);
    }
    const raw = await readUpstream(up, limit);
    let answer: unknown;
    try {
      answer = parseJsonValue(raw);
    } catch {
      throw new GatewayHttpError('upstream', 'upstream_malformed', 'MCP upstream returned malformed JSON');
    }
    const list = Array.isArray(answer) ? answer : [answer];
    const checked: Msg[] = [...replies];
    for (const m of list) {
      const c = await relay.fromServer(m, answerContext, back);
      if (c) checked.push(c);
    }
    const b = JSON.stringify(Array.isArray(answer) || checked.length > 1 ? checked : checked[0]);
    res.writeHead(up.statusCode, {
      ...backHeaders(up),
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(b),
    });
    res.end(b);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ac = new AbortController();
    // Client gone: stop the upstream request or stream as well.
    res.once('close', () => {
      if (!res.writableFinished) ac.abort();
    });
    try {
      if ((req.url ?? '').split('?')[0] !== '/mcp') {
        req.resume();
        return rpcError(res, 404, 'unknown path; use /mcp');
      }
      if (!originAllowed(req.headers.origin)) {
        req.resume();
        return rpcError(res, 403, 'Origin not allowed');
      }
      const headers: Record<string, string> = { ...o.upstreamHeaders };
      for (const h of PASS) {
        const v = req.headers[h];
        if (typeof v === 'string') headers[h] = v;
      }
      const resume = headers['last-event-id'];
      if (resume !== undefined && resume.length > MAX_EVENT_ID) {
        req.resume();
        return rpcError(res, 400, 'Last-Event-ID too long');
      }
      const session = headers['mcp-session-id'];
      if (req.method === 'POST') return await post(req, res, headers, session, ac.signal);
      req.resume();
      if (req.method === 'GET') {
        // The stream stays open as long as the session wants: no body timeout.
        const up = await upstream.request({ method: 'GET', headers, signal: ac.signal, bodyTimeout: 0 });
        sessionEnded(session, up);
        const type = String(up.headers['content-type'] ?? '');
        if (up.statusCode < 300 && type.startsWith('text/event-stream'))
          return await relay.relaySse(
            res,
            up,
            { scope: session ?? '', session: session ?? '' },
            [],
            sessionHeaders(headers, up),
          );
        if (up.statusCode < 300) {
          await up.body.dump();
          throw new GatewayHttpError('upstream', 'upstream_malformed', 'MCP upstream GET did not open an SSE stream');
        }
        return await passThrough(res, up);
      }
      if (req.method === 'DELETE') {
        const up = await upstream.request({ method: 'DELETE', headers, signal: ac.signal });
        sessionEnded(session, up, true);
        return await passThrough(res, up);
      }
      res.setHeader('allow', 'GET, POST, DELETE');
      return rpcError(res, 405, 'method not allowed on /mcp');
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (ac.signal.aborted) return;
      const known = e instanceof GatewayHttpError;
      if (!known) log(`MCP upstream failed: ${(e as Error).message}`);
      rpcError(res, known ? e.status : 502, known ? e.message : 'MCP upstream failed', known ? -32600 : -32603);
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  return {
    server,
    listen(port, host) {
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address() as AddressInfo)));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await upstream.close();
    },
  };
}

// Fronts a streamable-HTTP MCP server (spec revisions 2025-03-26 and 2025-06-18) on /mcp:
// - POST: client messages (one or a batch) pass the McpInspector first; refused calls are answered
//   here. The server's answer, JSON or an SSE stream, is inspected message by message.
// - GET: the session's SSE stream of server-initiated messages, inspected the same way.
// - DELETE: ends the session upstream; once it is ended (or the server answers 404 for it), the
//   inspector forgets what the session's listings showed.
// Session and protocol-version headers pass both ways. SSE event ids (and retry hints) are relayed,
// so a client resumes a broken stream with GET + Last-Event-ID (spec 2025-06-18, "Resumability and
// Redelivery"); what the server replays is checked like any other event. The inspector's own
// listings (a use the session's listings cannot vouch for) are POSTed in the client's session with
// ids of the proxy's own, and their answers (JSON or an SSE stream) are read here, never relayed.
// Bodies and events are
// bounded; anything that cannot be checked is dropped or answered with a JSON-RPC error, never
// forwarded unchecked.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { drained, isJsonContentType, parseJsonValue, readBody } from '../http-body.js';
import { GatewayHttpError } from '../provider-errors.js';
import { type SseEvent, SseParser } from '../sse.js';
import type { McpInspector, MessageContext } from './mcp-inspector.js';
import { answerResult, OWN_REQUEST_TIMEOUT_MS, ownRequest, type ServerLink } from './mcp-server-link.js';

const PASS = ['mcp-session-id', 'mcp-protocol-version', 'accept', 'last-event-id'];
const PASS_BACK = ['mcp-session-id', 'mcp-protocol-version', 'allow'];
const MAX_ERROR_BODY = 64 * 1024;
/** Event ids relayed (sse.ts keeps no longer one), so no longer Last-Event-ID can be one of ours. */
const MAX_EVENT_ID = 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
type Msg = Record<string, unknown>;
type UpstreamAnswer = Awaited<ReturnType<Pool['request']>>;
const isMsg = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

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
  const url = new URL(o.upstream);
  const upPath = url.pathname + url.search;
  const pool = new Pool(url.origin, { connections: 32, headersTimeout: 60_000, bodyTimeout: 300_000 });
  const limit = o.maxBodyBytes ?? 4 * 1024 * 1024;
  const log = o.log ?? (() => undefined);

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
   * A message for the server that the proxy sends itself (the refusal of a server request): POSTed
   * in the session like a client's answer. Best effort: if it fails, the server's request times out.
   */
  const toServer = async (m: Msg, headers: Record<string, string>): Promise<void> => {
    try {
      const up = await pool.request({
        method: 'POST',
        path: upPath,
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(m),
      });
      await up.body.dump();
    } catch (e) {
      log(`could not answer a refused server request: ${(e as Error).message}`);
    }
  };

  /**
   * The proxy's own requests in the session `headers` name (the inspector's listings): POSTed like a
   * client's, the answer read from JSON or from the SSE stream, bounded in size and time.
   */
  const linkFor = (headers: Record<string, string>): ServerLink => ({
    async request(method, params) {
      const req = ownRequest(method, params);
      const h: Record<string, string> = {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      };
      delete h['last-event-id'];
      const up = await pool.request({
        method: 'POST',
        path: upPath,
        headers: h,
        body: JSON.stringify(req),
        signal: AbortSignal.timeout(OWN_REQUEST_TIMEOUT_MS),
      });
      const type = String(up.headers['content-type'] ?? '');
      if (up.statusCode >= 300) {
        await up.body.dump();
        throw new Error(`the server answered HTTP ${up.statusCode}`);
      }
      const mine = (v: unknown): Msg | undefined =>
        (Array.isArray(v) ? v : [v]).find((m): m is Msg => isMsg(m) && m.id === req.id && m.method === undefined);
      if (type.startsWith('text/event-stream')) {
        // Other messages on this stream (notifications, requests about the listing) are the
        // proxy's, not the client's: dropped.
        const parser = new SseParser(limit, true);
        for await (const chunk of up.body) {
          for (const ev of parser.push(chunk as Buffer)) {
            let v: unknown;
            try {
              v = JSON.parse(ev.data);
            } catch {
              continue;
            }
            const m = mine(v);
            if (m !== undefined) {
              up.body.destroy();
              return answerResult(m);
            }
          }
        }
        throw new Error('the server ended the stream without an answer');
      }
      if (!type.includes('json')) {
        await up.body.dump();
        throw new Error(`the server answered with ${type || 'no content type'}`);
      }
      const m = mine(parseJsonValue(await readUpstream(up, limit)));
      if (m === undefined) throw new Error('the server answered another request');
      return answerResult(m);
    },
  });

  /** One message from the server, checked; an inspection failure withholds it (an error for a response). */
  const fromServer = async (
    m: unknown,
    context: MessageContext,
    headers: Record<string, string>,
  ): Promise<Msg | undefined> => {
    if (!isMsg(m)) return undefined;
    try {
      const v = await o.inspector.fromServerVerdict(m, context);
      if (v.reply !== undefined) void toServer(v.reply, headers);
      return v.forward;
    } catch (e) {
      log(`inspection failed (server message withheld): ${(e as Error).message}`);
      if (m.id === undefined) return undefined;
      const error = {
        jsonrpc: '2.0',
        id: m.id,
        error: { code: -32603, message: 'Rampart could not check this message' },
      };
      if (m.method === undefined) return error;
      void toServer(error, headers);
      return undefined;
    }
  };

  /** An SSE event's data: a message or a batch; unparseable data is dropped. */
  const checkEvent = async (
    data: string,
    context: MessageContext,
    headers: Record<string, string>,
  ): Promise<Msg | Msg[] | undefined> => {
    if (data === '') return undefined; // priming / keep-alive events carry no message
    let v: unknown;
    try {
      v = JSON.parse(data);
    } catch {
      log('MCP server sent a malformed stream event; dropped');
      return undefined;
    }
    if (!Array.isArray(v)) return fromServer(v, context, headers);
    const out: Msg[] = [];
    for (const m of v) {
      const c = await fromServer(m, context, headers);
      if (c !== undefined) out.push(c);
    }
    return out.length > 0 ? out : undefined;
  };

  const backHeaders = (up: UpstreamAnswer): Record<string, string> => {
    const h: Record<string, string> = {};
    for (const k of PASS_BACK) {
      const v = up.headers[k];
      if (typeof v === 'string') h[k] = v;
    }
    return h;
  };

  /** Relays an upstream SSE stream, each message inspected; `first` are our own answers to send first. */
  const relaySse = async (
    res: ServerResponse,
    up: UpstreamAnswer,
    context: MessageContext,
    first: Msg[],
    headers: Record<string, string>,
  ): Promise<void> => {
    res.writeHead(up.statusCode, {
      ...backHeaders(up),
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
    });
    res.flushHeaders();
    for (const r of first) res.write(sseMessage(r));
    const parser = new SseParser(limit, true);
    try {
      for await (const chunk of up.body) {
        for (const ev of parser.push(chunk as Buffer)) {
          // A resumed stream (GET with Last-Event-ID) replays events the server kept: checked here
          // like any other, whatever was decided the first time.
          const frame = sseFrame(await checkEvent(ev.data, context, headers), ev);
          if (frame !== '' && !res.write(frame)) await drained(res);
        }
      }
    } catch (e) {
      // Upstream broke, sent invalid UTF-8 or an oversize event: end abnormally so the client
      // knows the stream did not finish (and may reconnect); nothing unchecked was written.
      up.body.destroy();
      if (!res.destroyed) log(`MCP upstream stream failed: ${(e as Error).message}`);
      res.destroy();
      return;
    }
    res.end();
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

  /** Passes a non-message answer (202, errors, 405 for GET) through, bounded. */
  const passThrough = async (res: ServerResponse, up: UpstreamAnswer): Promise<void> => {
    const raw = await readUpstream(up, MAX_ERROR_BODY);
    const type = up.headers['content-type'];
    res.writeHead(up.statusCode, {
      ...backHeaders(up),
      ...(typeof type === 'string' && raw.length > 0 ? { 'content-type': type } : {}),
      'content-length': raw.length,
    });
    res.end(raw);
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
    const context: MessageContext = { scope, session: session ?? '', link: linkFor(headers) };
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
    const up = await pool.request({
      method: 'POST',
      path: upPath,
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
      return relaySse(res, up, answerContext, replies, back);
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
      const c = await fromServer(m, answerContext, back);
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
        const up = await pool.request({ method: 'GET', path: upPath, headers, signal: ac.signal, bodyTimeout: 0 });
        sessionEnded(session, up);
        const type = String(up.headers['content-type'] ?? '');
        if (up.statusCode < 300 && type.startsWith('text/event-stream'))
          return await relaySse(
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
        const up = await pool.request({ method: 'DELETE', path: upPath, headers, signal: ac.signal });
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
      await pool.destroy();
    },
  };
}

/**
 * Headers for a message the proxy itself sends the server in this session: the upstream's own
 * headers and the session id (from the request, or the one the server just assigned).
 */
function sessionHeaders(headers: Record<string, string>, up: UpstreamAnswer): Record<string, string> {
  const out = { ...headers };
  delete out['last-event-id'];
  const assigned = up.headers['mcp-session-id'];
  if (typeof assigned === 'string') out['mcp-session-id'] = assigned;
  return out;
}

function sseMessage(m: Msg | Msg[]): string {
  return `event: message\ndata: ${JSON.stringify(m)}\n\n`;
}

/**
 * One relayed event: the checked message with the upstream event's `id` and `retry`, so the client
 * can resume with Last-Event-ID. An event whose message was dropped (malformed, withheld, a priming
 * event) still passes its id on, with empty data: clients record the id and dispatch nothing, and a
 * resumption does not ask for it again.
 */
function sseFrame(m: Msg | Msg[] | undefined, ev: SseEvent): string {
  const head = (ev.id === undefined ? '' : `id: ${ev.id}\n`) + (ev.retry === undefined ? '' : `retry: ${ev.retry}\n`);
  if (m !== undefined) return head + sseMessage(m);
  return head === '' ? '' : `${head}data:\n\n`;
}

async function readUpstream(up: UpstreamAnswer, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of up.body) {
    size += (c as Buffer).length;
    if (size > limit) {
      up.body.destroy();
      throw new GatewayHttpError('upstream', 'upstream_too_large', `MCP upstream answer exceeds ${limit} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks, size);
}

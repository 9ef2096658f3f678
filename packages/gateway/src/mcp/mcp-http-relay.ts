// Server messages on their way to the client through the streamable-HTTP front, each one checked by
// the McpInspector: a JSON answer's messages, an SSE stream event by event (event ids and retry
// hints relayed, so a client can resume with Last-Event-ID), and non-message answers passed through
// bounded. A refused server request is answered to the server; a message whose check fails is
// withheld (a response becomes an error); anything that cannot be checked is dropped, never
// forwarded unchecked.
import type { ServerResponse } from 'node:http';
import { drained } from '../http-body.js';
import { type SseEvent, SseParser } from '../sse.js';
import {
  backHeaders,
  isMsg,
  type McpUpstream,
  type Msg,
  readUpstream,
  type UpstreamAnswer,
} from './mcp-http-upstream.js';
import type { McpInspector, MessageContext } from './mcp-inspector.js';

const MAX_ERROR_BODY = 64 * 1024;

export interface RelayOptions {
  inspector: McpInspector;
  upstream: McpUpstream;
  /** Bound on one upstream SSE event. */
  limit: number;
  log: (msg: string) => void;
}

export class ServerMessageRelay {
  constructor(private readonly o: RelayOptions) {}

  /** One message from the server, checked; an inspection failure withholds it (an error for a response). */
  async fromServer(m: unknown, context: MessageContext, headers: Record<string, string>): Promise<Msg | undefined> {
    if (!isMsg(m)) return undefined;
    try {
      const v = await this.o.inspector.fromServerVerdict(m, context);
      if (v.reply !== undefined) void this.o.upstream.send(v.reply, headers);
      return v.forward;
    } catch (e) {
      this.o.log(`inspection failed (server message withheld): ${(e as Error).message}`);
      if (m.id === undefined) return undefined;
      const error = {
        jsonrpc: '2.0',
        id: m.id,
        error: { code: -32603, message: 'Rampart could not check this message' },
      };
      if (m.method === undefined) return error;
      void this.o.upstream.send(error, headers);
      return undefined;
    }
  }

  /** An SSE event's data: a message or a batch; unparseable data is dropped. */
  private async checkEvent(
    data: string,
    context: MessageContext,
    headers: Record<string, string>,
  ): Promise<Msg | Msg[] | undefined> {
    if (data === '') return undefined; // priming / keep-alive events carry no message
    let v: unknown;
    try {
      v = JSON.parse(data);
    } catch {
      this.o.log('MCP server sent a malformed stream event; dropped');
      return undefined;
    }
    if (!Array.isArray(v)) return this.fromServer(v, context, headers);
    const out: Msg[] = [];
    for (const m of v) {
      const c = await this.fromServer(m, context, headers);
      if (c !== undefined) out.push(c);
    }
    return out.length > 0 ? out : undefined;
  }

  /** Relays an upstream SSE stream, each message inspected; `first` are our own answers to send first. */
  async relaySse(
    res: ServerResponse,
    up: UpstreamAnswer,
    context: MessageContext,
    first: Msg[],
    headers: Record<string, string>,
  ): Promise<void> {
    res.writeHead(up.statusCode, {
      ...backHeaders(up),
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
    });
    res.flushHeaders();
    for (const r of first) res.write(sseMessage(r));
    const parser = new SseParser(this.o.limit, true);
    try {
      for await (const chunk of up.body) {
        for (const ev of parser.push(chunk as Buffer)) {
          // A resumed stream (GET with Last-Event-ID) replays events the server kept: checked here
          // like any other, whatever was decided the first time.
          const frame = sseFrame(await this.checkEvent(ev.data, context, headers), ev);
          if (frame !== '' && !res.write(frame)) await drained(res);
        }
      }
    } catch (e) {
      // Upstream broke, sent invalid UTF-8 or an oversize event: end abnormally so the client
      // knows the stream did not finish (and may reconnect); nothing unchecked was written.
      up.body.destroy();
      if (!res.destroyed) this.o.log(`MCP upstream stream failed: ${(e as Error).message}`);
      res.destroy();
      return;
    }
    res.end();
  }
}

/** Passes a non-message answer (202, errors, 405 for GET) through, bounded. */
export async function passThrough(res: ServerResponse, up: UpstreamAnswer): Promise<void> {
  const raw = await readUpstream(up, MAX_ERROR_BODY);
  const type = up.headers['content-type'];
  res.writeHead(up.statusCode, {
    ...backHeaders(up),
    ...(typeof type === 'string' && raw.length > 0 ? { 'content-type': type } : {}),
    'content-length': raw.length,
  });
  res.end(raw);
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

// The proxy's own requests over the streamable-HTTP front (the inspector's listings, when a use is
// not vouched for by the session's listings): POSTed in the client's session with ids of the
// proxy's own, the answer read from JSON or from the SSE stream, bounded in size and time, never
// relayed to the client.
//
// The server may send other messages on that stream before the answer (spec: requests and
// notifications "related to the originating request"). They concern a request no client made, and
// the client has no open response to carry them, so none is relayed, and each gets a defined outcome:
// - a server request is answered at once, so the server never waits for its time-out (and the
//   listing with it): `ping` with an empty result, anything else (sampling/createMessage,
//   elicitation/create, roots/list...) with a JSON-RPC error -32601, "not available" here. Forwarding
//   a sampling or elicitation request to the client instead would ask its model or user about a
//   listing it never asked for, hold its call for a human answer within the listing's time bound,
//   and need a stream the client does not have yet. At most MAX_ANSWERS per request: a server
//   flooding requests cannot make the proxy flood it with answers (the rest time out upstream);
// - notifications/*/list_changed is applied to the session, as on any other stream, so the proxy
//   lists that family again before its next use (one arriving before the answer to a listing of
//   the same family is covered by that answer, as on a client's listing);
// - other notifications (log messages, progress) and stray messages are dropped.
// What was answered, refused, applied or dropped is counted and logged once per request (method
// names only, never parameters).
import { parseJsonValue } from '../http-body.js';
import { SseParser } from '../sse.js';
import { isMsg, type McpUpstream, type Msg, readUpstream } from './mcp-http-upstream.js';
import { answerResult, OWN_REQUEST_TIMEOUT_MS, ownRequest, type ServerLink } from './mcp-server-link.js';

/** Server requests the proxy answers on one of its own requests' streams; later ones are left unanswered. */
export const MAX_ANSWERS = 16;
/** Distinct method names counted per request (the rest count as "other"). */
const MAX_NAMES = 16;
const NOT_AVAILABLE = -32601;

export interface OwnLinkOptions {
  upstream: McpUpstream;
  /** The client's request headers: its session, protocol version and the upstream's own headers. */
  headers: Record<string, string>;
  /** Bound on a JSON answer and on one SSE event. */
  limit: number;
  /** Applies a notification to the session; true when it did (a list_changed). */
  listChanged(method: string): boolean;
  log(msg: string): void;
}

type Outcome = 'answered' | 'refused' | 'applied' | 'dropped' | 'left unanswered';

/** The link for the client's session; each request reads its own answer and settles the rest. */
export function ownLink(o: OwnLinkOptions): ServerLink {
  const h: Record<string, string> = {
    ...o.headers,
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  };
  delete h['last-event-id'];
  const toServer: Record<string, string> = { ...o.headers };
  delete toServer['last-event-id'];
  return {
    async request(method, params) {
      const req = ownRequest(method, params);
      const others = new OtherMessages(method, o, toServer);
      /** The answer to `req` among `v`'s messages; every other message is settled here. */
      const mine = (v: unknown): Msg | undefined => {
        let answer: Msg | undefined;
        for (const m of Array.isArray(v) ? v : [v]) {
          if (isMsg(m) && m.id === req.id && m.method === undefined) answer ??= m;
          else others.settle(m);
        }
        return answer;
      };
      try {
        const up = await o.upstream.request({
          method: 'POST',
          headers: h,
          body: JSON.stringify(req),
          signal: AbortSignal.timeout(OWN_REQUEST_TIMEOUT_MS),
        });
        const type = String(up.headers['content-type'] ?? '');
        if (up.statusCode >= 300) {
          await up.body.dump();
          throw new Error(`the server answered HTTP ${up.statusCode}`);
        }
        if (type.startsWith('text/event-stream')) {
          const parser = new SseParser(o.limit, true);
          for await (const chunk of up.body) {
            for (const ev of parser.push(chunk as Buffer)) {
              if (ev.data === '') continue; // priming / keep-alive events carry no message
              let v: unknown;
              try {
                v = JSON.parse(ev.data);
              } catch {
                others.note('dropped', 'a malformed event');
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
        const m = mine(parseJsonValue(await readUpstream(up, o.limit)));
        if (m === undefined) throw new Error('the server answered another request');
        return answerResult(m);
      } finally {
        const s = others.summary();
        if (s !== undefined) o.log(`MCP server messages on the proxy's own ${method}, not relayed: ${s}`);
      }
    },
  };
}

/** A server-chosen method name, safe to log and to quote back: short, no control characters. */
function nameOf(method: string): string {
  return /^[\w./-]{1,100}$/.test(method) ? method : 'a method';
}

/** The other messages on one own request's stream: each settled, counted by outcome and method. */
class OtherMessages {
  private answers = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly ownMethod: string,
    private readonly o: OwnLinkOptions,
    private readonly headers: Record<string, string>,
  ) {}

  settle(m: unknown): void {
    if (!isMsg(m) || typeof m.method !== 'string') {
      this.note('dropped', 'a message of no method');
      return;
    }
    const name = nameOf(m.method);
    if (m.id === undefined) this.note(this.o.listChanged(m.method) ? 'applied' : 'dropped', name);
    else if (this.answers >= MAX_ANSWERS) this.note('left unanswered', name);
    else {
      this.answers++;
      const ping = m.method === 'ping';
      const message = `[rampart] ${name} is not available on the proxy's own ${this.ownMethod} (no client asked for it)`;
      const answer = ping
        ? { jsonrpc: '2.0', id: m.id, result: {} }
        : { jsonrpc: '2.0', id: m.id, error: { code: NOT_AVAILABLE, message } };
      void this.o.upstream.send(answer, this.headers);
      this.note(ping ? 'answered' : 'refused', name);
    }
  }

  /** `name` is one of ours or went through nameOf. */
  note(outcome: Outcome, name: string): void {
    let k = `${outcome}\u0000${name}`;
    if (!this.counts.has(k) && this.counts.size >= MAX_NAMES) k = `${outcome}\u0000other`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  summary(): string | undefined {
    if (this.counts.size === 0) return undefined;
    const by = new Map<string, string[]>();
    for (const [k, n] of this.counts) {
      const [outcome, name] = k.split('\u0000') as [string, string];
      by.set(outcome, [...(by.get(outcome) ?? []), `${name} x${n}`]);
    }
    return [...by].map(([outcome, names]) => `${outcome} ${names.join(', ')}`).join('; ');
  }
}

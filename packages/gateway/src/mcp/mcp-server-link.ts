// The proxy's own requests to an MCP server, in the client's session: when a client uses a tool,
// prompt or resource its session's listings cannot vouch for (never listed, or listed before the
// server said the list changed), the inspector lists the server itself before it decides. Requests
// carry ids of the proxy's own (`rampart-<uuid>`), and their answers go to the proxy, never to the
// client. Every request is bounded in time; an error answer rejects with its JSON-RPC code, so the
// caller can tell "the server has no such list" (-32601) from a failure.
import { randomUUID } from 'node:crypto';

type Msg = Record<string, unknown>;

/** How the inspector asks the server something in the session the client's message belongs to. */
export interface ServerLink {
  /** Resolves with the answer's result; rejects on an error answer, a malformed one or a time-out. */
  request(method: string, params: Msg): Promise<Msg>;
}

/** The server answered the proxy's request with a JSON-RPC error. */
export class ServerRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServerRpcError';
  }
}

export const OWN_ID_PREFIX = 'rampart-';
export const OWN_REQUEST_TIMEOUT_MS = 10_000;
const isObj = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

export function ownRequest(method: string, params: Msg): Msg & { id: string } {
  return { jsonrpc: '2.0', id: `${OWN_ID_PREFIX}${randomUUID()}`, method, params };
}

/** The result of an answer to one of the proxy's requests; throws what `request` rejects with. */
export function answerResult(m: Msg): Msg {
  if (isObj(m.result)) return m.result;
  const e = isObj(m.error) ? m.error : {};
  const code = typeof e.code === 'number' ? e.code : -32603;
  throw new ServerRpcError(code, typeof e.message === 'string' ? e.message.slice(0, 300) : 'malformed answer');
}

/**
 * Requests over a transport that carries messages both ways on one channel (stdio): `send` writes
 * the request, and the transport hands every server message to `settle` first, which takes the
 * answers to the proxy's own requests out of the stream.
 */
export class OwnRequests implements ServerLink {
  private readonly waiting = new Map<string, (m: Msg) => void>();

  constructor(
    private readonly send: (m: Msg) => void,
    private readonly timeoutMs = OWN_REQUEST_TIMEOUT_MS,
  ) {}

  request(method: string, params: Msg): Promise<Msg> {
    const req = ownRequest(method, params);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(req.id);
        reject(new Error(`${method}: no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      timer.unref();
      this.waiting.set(req.id, (m) => {
        clearTimeout(timer);
        this.waiting.delete(req.id);
        try {
          resolve(answerResult(m));
        } catch (e) {
          reject(e);
        }
      });
      this.send(req);
    });
  }

  /** True when `m` answered one of the proxy's requests (and is consumed). */
  settle(m: Msg): boolean {
    if (m.method !== undefined || typeof m.id !== 'string' || !m.id.startsWith(OWN_ID_PREFIX)) return false;
    const done = this.waiting.get(m.id);
    // An answer to a request that timed out is the proxy's too: never the client's.
    done?.(m);
    return true;
  }
}

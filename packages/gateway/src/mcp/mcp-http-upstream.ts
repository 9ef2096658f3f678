// The upstream side of the streamable-HTTP MCP front: one connection pool to the server's /mcp URL,
// the headers that pass back to the client or into the proxy's own messages, bounded reads of an
// answer, and best-effort messages the proxy itself sends the server in a session (the answer to a
// server request it refused).
import { Pool } from 'undici';
import { GatewayHttpError } from '../provider-errors.js';

export type Msg = Record<string, unknown>;
export type UpstreamAnswer = Awaited<ReturnType<Pool['request']>>;
export const isMsg = (v: unknown): v is Msg => v !== null && typeof v === 'object' && !Array.isArray(v);

const PASS_BACK = ['mcp-session-id', 'mcp-protocol-version', 'allow'];

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** 0 for a stream that stays open as long as the session wants. */
  bodyTimeout?: number;
}

export class McpUpstream {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(
    upstream: string,
    private readonly log: (msg: string) => void,
  ) {
    const url = new URL(upstream);
    this.path = url.pathname + url.search;
    this.pool = new Pool(url.origin, { connections: 32, headersTimeout: 60_000, bodyTimeout: 300_000 });
  }

  request(r: UpstreamRequest): Promise<UpstreamAnswer> {
    return this.pool.request({
      method: r.method,
      path: this.path,
      headers: r.headers,
      ...(r.body === undefined ? {} : { body: r.body }),
      ...(r.signal === undefined ? {} : { signal: r.signal }),
      ...(r.bodyTimeout === undefined ? {} : { bodyTimeout: r.bodyTimeout }),
    });
  }

  /**
   * A message for the server that the proxy sends itself (the refusal of a server request): POSTed
   * in the session like a client's answer. Best effort: if it fails, the server's request times out.
   */
  async send(m: Msg, headers: Record<string, string>): Promise<void> {
    try {
      const up = await this.request({
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(m),
      });
      await up.body.dump();
    } catch (e) {
      this.log(`could not answer a refused server request: ${(e as Error).message}`);
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** The upstream's headers the client gets back (session, protocol version, allow). */
export function backHeaders(up: UpstreamAnswer): Record<string, string> {
  const h: Record<string, string> = {};
  for (const k of PASS_BACK) {
    const v = up.headers[k];
    if (typeof v === 'string') h[k] = v;
  }
  return h;
}

/**
 * Headers for a message the proxy itself sends the server in this session: the upstream's own
 * headers and the session id (from the request, or the one the server just assigned).
 */
export function sessionHeaders(headers: Record<string, string>, up: UpstreamAnswer): Record<string, string> {
  const out = { ...headers };
  delete out['last-event-id'];
  const assigned = up.headers['mcp-session-id'];
  if (typeof assigned === 'string') out['mcp-session-id'] = assigned;
  return out;
}

export async function readUpstream(up: UpstreamAnswer, limit: number): Promise<Buffer> {
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

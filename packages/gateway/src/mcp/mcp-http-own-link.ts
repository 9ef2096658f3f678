// The proxy's own requests over the streamable-HTTP front (the inspector's listings, when a use is
// not vouched for by the session's listings): POSTed in the client's session with ids of the
// proxy's own, the answer read from JSON or from the SSE stream, bounded in size and time, never
// relayed to the client.
import { parseJsonValue } from '../http-body.js';
import { SseParser } from '../sse.js';
import { isMsg, type McpUpstream, type Msg, readUpstream } from './mcp-http-upstream.js';
import { answerResult, OWN_REQUEST_TIMEOUT_MS, ownRequest, type ServerLink } from './mcp-server-link.js';

/** The link for the session `headers` name; `limit` bounds a JSON answer and one SSE event. */
export function ownLink(upstream: McpUpstream, headers: Record<string, string>, limit: number): ServerLink {
  return {
    async request(method, params) {
      const req = ownRequest(method, params);
      const h: Record<string, string> = {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      };
      delete h['last-event-id'];
      const up = await upstream.request({
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
  };
}

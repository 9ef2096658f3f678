// A streamed answer relayed to the client: the API's stream guard picked, the SSE headers written,
// each upstream event parsed, guarded and written (with backpressure), and the end of the stream
// classified: complete, stopped by a check, the client gone, or the upstream failing. What the
// guard let through is written as it goes; the audit record and the closing event are the proxy's
// (proxy-handler.ts).
import type { ServerResponse } from 'node:http';
import type { Enforcer, RequestState } from './enforcer.js';
import { AnthropicGuard } from './guard-anthropic.js';
import { OpenAiChatGuard, type StreamGuard } from './guard-openai-chat.js';
import { ResponsesGuard } from './guard-responses.js';
import { drained } from './http-body.js';
import { SseParser } from './sse.js';
import { StreamBlocked } from './text-channel.js';
import type { ApiPath, UpstreamResponse } from './upstream.js';

/** Why a stream ended early: `blocked` when a check stopped it. */
export interface StreamFailure {
  blocked: boolean;
  message: string;
}

export async function relayStream(
  enforcer: Enforcer,
  state: RequestState,
  path: ApiPath,
  res: ServerResponse,
  up: UpstreamResponse,
  ac: AbortController,
): Promise<{ guard: StreamGuard; failure: StreamFailure | undefined }> {
  const guard: StreamGuard =
    path === '/v1/messages'
      ? new AnthropicGuard(enforcer, state)
      : path === '/v1/responses'
        ? new ResponsesGuard(enforcer, state)
        : new OpenAiChatGuard(enforcer, state);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': state.requestId,
  });
  // The headers go out with the first event, in one write; if the upstream's first bytes are not
  // here yet (a slow first token), they are flushed on their own so the client is not kept waiting.
  // (res.headersSent is already true after writeHead, so `first` says whether they left.)
  let first = true;
  setImmediate(() => {
    if (first && !res.destroyed) res.flushHeaders();
  });
  const parser = new SseParser();
  let failure: StreamFailure | undefined;
  // Node corks the socket on a chunked write until the next tick; the events of one upstream
  // chunk are guarded in microtasks, so without a yield the first event (the role chunk) would
  // wait for the whole chunk to be scanned. One tick after the first write sends it at once.
  try {
    for await (const chunk of up.body) {
      for (const ev of parser.push(chunk)) {
        const out = await guard.onEvent(ev);
        // What the event carried goes out (or was held by the guard): media counts from here (output-media.ts).
        guard.media.forwarded();
        if (out === '') continue;
        if (!res.write(out)) await drained(res);
        else if (first) await nextTick();
        first = false;
      }
    }
    const tail = guard.onEnd();
    if (tail !== '') res.write(tail);
  } catch (e) {
    if (e instanceof StreamBlocked) failure = { blocked: e.decision !== undefined, message: e.message };
    else if (ac.signal.aborted) failure = { blocked: false, message: 'client disconnected' };
    else failure = { blocked: false, message: `upstream stream failed (${(e as { code?: string }).code ?? 'error'})` };
    ac.abort();
    up.body.destroy();
  }
  return { guard, failure };
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

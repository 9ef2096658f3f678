// Stream guard for the OpenAI Responses API SSE: one dispatcher over the stream's events. Tool items
// (function_call, custom_tool_call, mcp_call, mcp_approval_request, mcp_list_tools) are held from
// output_item.added to output_item.done, reviewed, then released whole or replaced at the same
// output_index by a message that explains why, and the rest of the stream goes on
// (responses-held-items.ts). Text deltas pass hold-back channels and the events that repeat a whole
// text are rewritten to what the client was sent (responses-texts.ts). Audio transcripts pass a
// signed channel, their audio held until the transcript is checked (responses-audio.ts). Other items
// (reasoning, web search, computer and shell calls, unknown types) are read whole at
// output_item.added, output_item.done and in response.completed, and an event type the guard does
// not know is read whole before it is forwarded (output-parts.ts).
import type { Enforcer, RequestState } from './enforcer.js';
import type { StreamGuard } from './guard-openai-chat.js';
import { OutputMedia } from './output-media.js';
import { checkCollected } from './output-parts.js';
import { responsesBodySlots } from './output-parts-responses.js';
import { ResponsesAudio } from './responses-audio.js';
import { ResponsesHeldItems } from './responses-held-items.js';
import { ResponsesTexts } from './responses-texts.js';
import { TOOL_EVENT_PREFIXES, toolItemType } from './responses-tool-items.js';
import type { SseEvent } from './sse.js';
import { StreamBlocked } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const ev = (data: Obj): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

/** Lifecycle events forwarded as they are (their response object echoes the request: instructions, tools). */
const PASS = new Set(['response.created', 'response.in_progress', 'response.queued']);

export class ResponsesGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  /** Tool items, held from output_item.added to output_item.done (responses-held-items.ts). */
  private readonly items: ResponsesHeldItems;
  /** Streamed texts and the events that repeat them (responses-texts.ts). */
  private readonly texts: ResponsesTexts;
  private readonly audio: ResponsesAudio;
  readonly media = new OutputMedia('/v1/responses');

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {
    this.items = new ResponsesHeldItems(enforcer, state);
    this.texts = new ResponsesTexts(enforcer, state);
    this.audio = new ResponsesAudio(enforcer, state, this.media);
  }

  async onEvent(e: SseEvent): Promise<string> {
    let data: unknown;
    try {
      data = JSON.parse(e.data);
    } catch {
      throw new StreamBlocked(undefined, 'upstream sent a malformed stream event');
    }
    if (!isObj(data) || typeof data.type !== 'string')
      throw new StreamBlocked(undefined, 'upstream sent a malformed stream event');
    const type = data.type;
    this.media.event(data);
    const raw = `event: ${e.event ?? type}\ndata: ${e.data}\n\n`;
    const oi = typeof data.output_index === 'number' ? data.output_index : -1;
    const key = `${oi}:${typeof data.content_index === 'number' ? data.content_index : 0}`;

    const added = type === 'response.output_item.added' ? toolItemType(data.item) : undefined;
    if (added !== undefined) {
      this.items.add(oi, added, raw, data);
      return '';
    }
    const held = this.items.get(oi);
    if (held !== undefined && type !== 'response.output_item.done') {
      this.items.event(held, type, data, raw);
      return '';
    }
    // Tool events outside a held item (no output_item.added first, or after its review) are never
    // forwarded: they would carry arguments nobody reviewed.
    if (TOOL_EVENT_PREFIXES.some((p) => type.startsWith(p))) return '';
    if (this.items.replaced(oi)) return ''; // late events of a replaced item
    const audio = this.audio.onEvent(type, data, raw);
    if (audio !== undefined) return audio;
    const text = this.texts.onEvent(type, data, raw, oi, key);
    if (text !== undefined) return text;
    switch (type) {
      case 'response.output_item.added': {
        // Not a tool item (those are held above): a message, a reasoning item, any other item.
        if (!isObj(data.item)) return raw;
        const before = JSON.stringify(data.item);
        this.texts.rewriteItem(oi, data.item);
        return JSON.stringify(data.item) === before ? raw : ev(data);
      }
      case 'response.output_item.done': {
        const done = toolItemType(data.item);
        // A tool item whose output_item.added was another type (or missing) is reviewed all the same.
        if (held !== undefined && held.type !== done)
          throw new StreamBlocked(undefined, 'upstream changed the type of a tool item');
        if (done !== undefined) return this.items.release(oi, done, data);
        if (isObj(data.item)) this.texts.rewriteItem(oi, data.item);
        return ev(data);
      }
      case 'response.completed':
      case 'response.incomplete': {
        this.complete = true;
        const audio = this.audio.flush();
        const resp = isObj(data.response) ? data.response : undefined;
        if (resp !== undefined) {
          if (isObj(resp.usage) && typeof resp.usage.output_tokens === 'number')
            this.outputTokens = resp.usage.output_tokens;
          const top = checkCollected(this.enforcer, this.state, 'response', () => responsesBodySlots(resp));
          if (top.blocked !== undefined) throw new StreamBlocked(top.blocked, 'output blocked by policy');
          const output = Array.isArray(resp.output) ? resp.output : [];
          for (let i = 0; i < output.length; i++) {
            const it = output[i];
            if (!isObj(it)) continue;
            if (toolItemType(it) !== undefined) output[i] = await this.items.finalCall(i, it);
            else this.texts.rewriteItem(i, it);
          }
        }
        return audio + ev(data);
      }
      case 'response.failed':
      case 'error':
        this.upstreamError = true;
        return raw;
      default:
        if (PASS.has(type)) return raw;
        // Annotations, part announcements, events the gateway does not know: read whole.
        return this.texts.checkEvent(data, Object.keys(data), type) ? ev(data) : raw;
    }
  }

  onEnd(): string {
    if (!this.complete && !this.upstreamError)
      throw new StreamBlocked(undefined, 'upstream stream ended before completion');
    return '';
  }
}

// Stream guard for the OpenAI Responses API SSE. Text deltas pass the hold-back scanner; the
// events that repeat the whole text (output_text.done, content_part.done, output_item.done,
// response.completed) are rewritten to what the client was actually sent. Function calls are held
// until output_item.done and reviewed; a denied call ends the stream with an explanatory error.
import type { Enforcer, RequestState } from './enforcer.js';
import type { StreamGuard } from './guard-openai-chat.js';
import type { SseEvent } from './sse.js';
import { StreamBlocked, TextChannel } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_HELD = 512 * 1024;

export class ResponsesGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  private readonly texts = new Map<string, TextChannel>();
  private readonly finalText = new Map<string, string>();
  /** Events of a function_call item, by output_index, held until its output_item.done. */
  private readonly held = new Map<number, string[]>();
  private heldBytes = 0;

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {}

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
    const raw = `event: ${e.event ?? type}\ndata: ${e.data}\n\n`;
    const oi = typeof data.output_index === 'number' ? data.output_index : -1;
    const key = `${oi}:${typeof data.content_index === 'number' ? data.content_index : 0}`;
    const emit = (): string => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

    if (type === 'response.output_item.added' && isObj(data.item) && data.item.type === 'function_call') {
      this.held.set(oi, [raw]);
      return '';
    }
    const held = this.held.get(oi);
    if (held !== undefined && type !== 'response.output_item.done') {
      this.heldBytes += raw.length;
      if (this.heldBytes > MAX_HELD) throw new StreamBlocked(undefined, 'tool call arguments too large');
      held.push(raw);
      return '';
    }
    switch (type) {
      case 'response.output_text.delta': {
        if (typeof data.delta !== 'string') return raw;
        let ch = this.texts.get(key);
        if (ch === undefined) {
          ch = new TextChannel(this.enforcer, this.state, true);
          this.texts.set(key, ch);
        }
        const safe = ch.push(data.delta);
        if (safe === data.delta) return raw;
        if (safe === '') return '';
        data.delta = safe;
        return emit();
      }
      case 'response.output_text.done': {
        const ch = this.texts.get(key);
        let pre = '';
        if (ch !== undefined) {
          const rest = ch.end();
          if (rest !== '')
            pre = `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', item_id: data.item_id, output_index: oi, content_index: data.content_index, delta: rest })}\n\n`;
          this.finalText.set(key, ch.emitted);
          this.texts.delete(key);
        }
        data.text = this.finalText.get(key) ?? '';
        return pre + emit();
      }
      case 'response.content_part.done': {
        if (isObj(data.part) && data.part.type === 'output_text') data.part.text = this.finalText.get(key) ?? '';
        return emit();
      }
      case 'response.output_item.done': {
        if (held !== undefined) return this.releaseCall(oi, held, data);
        if (isObj(data.item)) this.rewriteItem(oi, data.item);
        return emit();
      }
      case 'response.completed':
      case 'response.incomplete': {
        this.complete = true;
        const resp = isObj(data.response) ? data.response : undefined;
        if (resp !== undefined) {
          if (isObj(resp.usage) && typeof resp.usage.output_tokens === 'number')
            this.outputTokens = resp.usage.output_tokens;
          const output = Array.isArray(resp.output) ? resp.output : [];
          output.forEach((it, i) => {
            if (isObj(it)) this.rewriteItem(i, it);
          });
        }
        return emit();
      }
      case 'response.failed':
      case 'error':
        this.upstreamError = true;
        return raw;
      default:
        return raw;
    }
  }

  onEnd(): string {
    if (!this.complete && !this.upstreamError)
      throw new StreamBlocked(undefined, 'upstream stream ended before completion');
    return '';
  }

  /** Replaces output_text parts with what was streamed (redacted / restored), never the raw upstream text. */
  private rewriteItem(oi: number, item: Obj): void {
    if (item.type !== 'message' || !Array.isArray(item.content)) return;
    item.content.forEach((part, ci) => {
      if (isObj(part) && part.type === 'output_text') part.text = this.finalText.get(`${oi}:${ci}`) ?? '';
    });
  }

  private async releaseCall(oi: number, held: string[], data: Obj): Promise<string> {
    this.held.delete(oi);
    const item = isObj(data.item) ? data.item : {};
    const name = typeof item.name === 'string' ? item.name : '';
    const args = typeof item.arguments === 'string' ? item.arguments : '';
    const r = await this.enforcer.reviewTool(this.state, name, args);
    if (!r.allowed) throw new StreamBlocked(r.decision, r.message);
    return `${held.join('')}event: response.output_item.done\ndata: ${JSON.stringify(data)}\n\n`;
  }
}

// Stream guard for the OpenAI Responses API SSE. Text deltas pass the hold-back scanner; the
// events that repeat the whole text (output_text.done, content_part.done, output_item.done,
// response.completed) are rewritten to what the client was actually sent. A function_call item is
// held from output_item.added to output_item.done and reviewed; an allowed call is released whole,
// a denied one is replaced at the same output_index by an assistant message that explains the
// denial (as the non-streaming path does), and the rest of the stream goes on.
import type { Enforcer, RequestState } from './enforcer.js';
import type { StreamGuard } from './guard-openai-chat.js';
import type { SseEvent } from './sse.js';
import { StreamBlocked, TextChannel } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_HELD = 512 * 1024;

const ev = (data: Obj): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

interface HeldCall {
  events: string[];
  /** function_call_arguments.delta pieces joined, and whether any arrived. */
  deltas: string;
  sawDelta: boolean;
  /** function_call_arguments.done `arguments`, when sent. */
  argsDone: string | undefined;
}

export class ResponsesGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  private readonly texts = new Map<string, TextChannel>();
  private readonly finalText = new Map<string, string>();
  /** Function-call items by output_index, held until their output_item.done. */
  private readonly held = new Map<number, HeldCall>();
  private heldBytes = 0;
  /** Reviewed function calls by output_index: the arguments seen and null (allowed) or the replacement. */
  private readonly reviewed = new Map<number, { args: string; replacement: Obj | null }>();

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

    if (type === 'response.output_item.added' && isObj(data.item) && data.item.type === 'function_call') {
      this.held.set(oi, { events: [raw], deltas: '', sawDelta: false, argsDone: undefined });
      this.hold(raw.length);
      return '';
    }
    const held = this.held.get(oi);
    if (held !== undefined && type !== 'response.output_item.done') {
      this.hold(raw.length);
      held.events.push(raw);
      if (type === 'response.function_call_arguments.delta' && typeof data.delta === 'string') {
        held.deltas += data.delta;
        held.sawDelta = true;
      } else if (type === 'response.function_call_arguments.done' && typeof data.arguments === 'string') {
        held.argsDone = data.arguments;
      }
      return '';
    }
    // Argument events outside a held call (no output_item.added first, or after its review) are
    // never forwarded: they would carry arguments nobody reviewed.
    if (type.startsWith('response.function_call_arguments.')) return '';
    if (this.reviewed.get(oi)?.replacement) return ''; // late events of a replaced call
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
        return ev(data);
      }
      case 'response.output_text.done': {
        const ch = this.texts.get(key);
        let pre = '';
        if (ch !== undefined) {
          const rest = ch.end();
          if (rest !== '')
            pre = ev({
              type: 'response.output_text.delta',
              item_id: data.item_id,
              output_index: oi,
              content_index: data.content_index,
              delta: rest,
            });
          this.finalText.set(key, ch.emitted);
          this.texts.delete(key);
        }
        data.text = this.finalText.get(key) ?? '';
        return pre + ev(data);
      }
      case 'response.content_part.done': {
        if (isObj(data.part) && data.part.type === 'output_text') data.part.text = this.finalText.get(key) ?? '';
        return ev(data);
      }
      case 'response.output_item.done': {
        if (isObj(data.item) && data.item.type === 'function_call')
          return this.releaseCall(oi, held ?? { events: [], deltas: '', sawDelta: false, argsDone: undefined }, data);
        if (isObj(data.item)) this.rewriteItem(oi, data.item);
        return ev(data);
      }
      case 'response.completed':
      case 'response.incomplete': {
        this.complete = true;
        const resp = isObj(data.response) ? data.response : undefined;
        if (resp !== undefined) {
          if (isObj(resp.usage) && typeof resp.usage.output_tokens === 'number')
            this.outputTokens = resp.usage.output_tokens;
          const output = Array.isArray(resp.output) ? resp.output : [];
          for (let i = 0; i < output.length; i++) {
            const it = output[i];
            if (!isObj(it)) continue;
            if (it.type === 'function_call') output[i] = await this.finalCall(i, it);
            else this.rewriteItem(i, it);
          }
        }
        return ev(data);
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

  private hold(bytes: number): void {
    this.heldBytes += bytes;
    if (this.heldBytes > MAX_HELD) throw new StreamBlocked(undefined, 'tool call arguments too large');
  }

  /** Replaces output_text parts with what was streamed (redacted / restored), never the raw upstream text. */
  private rewriteItem(oi: number, item: Obj): void {
    if (item.type !== 'message' || !Array.isArray(item.content)) return;
    item.content.forEach((part, ci) => {
      if (isObj(part) && part.type === 'output_text') part.text = this.finalText.get(`${oi}:${ci}`) ?? '';
    });
  }

  /** Reviews one function call; null = allowed, else the message item that takes its place. */
  private async review(oi: number, item: Obj, h: HeldCall | undefined): Promise<Obj | null> {
    const name = typeof item.name === 'string' ? item.name : '';
    const args = typeof item.arguments === 'string' ? item.arguments : '';
    let message: string | undefined;
    // The client's SDK may build the call from the deltas: they must say what was reviewed.
    if (h !== undefined && ((h.sawDelta && h.deltas !== args) || (h.argsDone !== undefined && h.argsDone !== args)))
      message = `tool call ${name}: streamed arguments differ from the final call`;
    else {
      const r = await this.enforcer.reviewTool(this.state, name, args);
      if (!r.allowed) message = r.message;
    }
    const replacement =
      message === undefined
        ? null
        : {
            type: 'message',
            id: typeof item.id === 'string' ? item.id : `msg_rampart_${oi}`,
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'output_text', text: `[rampart] ${message}`, annotations: [] }],
          };
    this.reviewed.set(oi, { args, replacement });
    return replacement;
  }

  private async releaseCall(oi: number, h: HeldCall, data: Obj): Promise<string> {
    this.held.delete(oi);
    const item = data.item as Obj;
    const replacement = await this.review(oi, item, h);
    if (replacement === null) return `${h.events.join('')}${ev(data)}`;
    const id = replacement.id;
    const text = ((replacement.content as Obj[])[0] as { text: string }).text;
    const part = (t: string): Obj => ({ type: 'output_text', text: t, annotations: [] });
    const at = { item_id: id, output_index: oi, content_index: 0 };
    return (
      ev({
        type: 'response.output_item.added',
        output_index: oi,
        item: { ...replacement, status: 'in_progress', content: [] },
      }) +
      ev({ type: 'response.content_part.added', ...at, part: part('') }) +
      ev({ type: 'response.output_text.delta', ...at, delta: text }) +
      ev({ type: 'response.output_text.done', ...at, text }) +
      ev({ type: 'response.content_part.done', ...at, part: part(text) }) +
      ev({ type: 'response.output_item.done', output_index: oi, item: replacement })
    );
  }

  /** A function call in response.completed: what its streamed review decided, or reviewed now. */
  private async finalCall(oi: number, item: Obj): Promise<Obj> {
    const seen = this.reviewed.get(oi);
    // Not streamed as an item, or different arguments from those reviewed: review what is final.
    if (seen === undefined || (seen.replacement === null && seen.args !== item.arguments))
      return (await this.review(oi, item, undefined)) ?? item;
    return seen.replacement ?? item;
  }
}

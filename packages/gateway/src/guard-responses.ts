// Stream guard for the OpenAI Responses API SSE. Text deltas pass the hold-back scanner; the
// events that repeat the whole text (output_text.done, content_part.done, output_item.done,
// response.completed) are rewritten to what the client was actually sent. A tool item
// (function_call, custom_tool_call, mcp_call, mcp_approval_request, mcp_list_tools) is held with
// every event at its output_index from output_item.added to output_item.done and reviewed
// (responses-tool-items.ts); an allowed item is released whole, a withheld one is replaced at the
// same output_index by an assistant message that explains why (as the non-streaming path does), and
// the rest of the stream goes on. An item's argument (or input) deltas are kept as one text and
// released as one delta event: the reviewed text itself, without the per-event overhead that makes a
// long call's small deltas many times larger than its arguments. At most MAX_HELD characters are
// held at any time (the items held now, not the whole stream); above that the stream stops (fail
// closed).
// Other model-produced text (output-parts.ts): refusal, reasoning summary and reasoning text deltas
// pass hold-back channels of their own (never restored) and their done events are rewritten like
// output_text's; other items (reasoning, web search, computer and shell calls, unknown types) are read
// whole at output_item.added, output_item.done and in response.completed; an event type the guard
// does not know is read whole before it is forwarded. Audio transcripts pass a signed channel and
// their audio is held until the transcript is checked (responses-audio.ts).
import type { Enforcer, RequestState } from './enforcer.js';
import type { StreamGuard } from './guard-openai-chat.js';
import { checkCollected, objectSlots, responsesBodySlots, responsesItemSlots } from './output-parts.js';
import { ResponsesAudio } from './responses-audio.js';
import {
  ARG_EVENTS,
  explanation,
  itemArgText,
  reviewToolItem,
  TOOL_EVENT_PREFIXES,
  toolItemType,
} from './responses-tool-items.js';
import type { SseEvent } from './sse.js';
import { StreamBlocked, TextChannel } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Characters of held events (argument deltas: their text only). */
const MAX_HELD = 512 * 1024;

const ev = (data: Obj): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

/** Streamed texts besides output_text: their done event, the field it repeats them in, the key's prefix and index. */
const OTHER_TEXT: Readonly<Record<string, { done: string; field: string; prefix: string; index: string }>> = {
  'response.refusal.delta': { done: 'response.refusal.done', field: 'refusal', prefix: 'r', index: 'content_index' },
  'response.reasoning_summary_text.delta': {
    done: 'response.reasoning_summary_text.done',
    field: 'text',
    prefix: 's',
    index: 'summary_index',
  },
  'response.reasoning_text.delta': {
    done: 'response.reasoning_text.done',
    field: 'text',
    prefix: 'rt',
    index: 'content_index',
  },
};
const OTHER_DONE = new Map(Object.entries(OTHER_TEXT).map(([delta, s]) => [s.done, { ...s, delta }]));
/** Lifecycle events forwarded as they are (their response object echoes the request: instructions, tools). */
const PASS = new Set(['response.created', 'response.in_progress', 'response.queued']);

interface HeldCall {
  /** The item type announced by output_item.added. */
  type: string;
  events: string[];
  /** The output_item.added event (its events[0]), re-sent from the reviewed item on release. */
  added: Obj | undefined;
  /** Characters held for this item, counted in the guard's total until it is released. */
  chars: number;
  /** Argument (custom tool: input) delta pieces joined, and whether any arrived. */
  deltas: string;
  sawDelta: boolean;
  /** The first delta event (its fields, and its place in `events`), released with all of `deltas`. */
  firstDelta: { at: number; data: Obj } | undefined;
  /** The arguments / input of the item's `.done` argument event, when sent, and where it is held. */
  argsDone: string | undefined;
  argsDoneEvent: { at: number; data: Obj } | undefined;
}

const noEvents = (type: string): HeldCall => ({
  type,
  events: [],
  added: undefined,
  chars: 0,
  deltas: '',
  sawDelta: false,
  firstDelta: undefined,
  argsDone: undefined,
  argsDoneEvent: undefined,
});

export class ResponsesGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  private readonly texts = new Map<string, TextChannel>();
  private readonly finalText = new Map<string, string>();
  /** Texts the checks already passed (as sent), so items repeating them are not scanned again. */
  private readonly checked = new Set<string>();
  /** Tool items by output_index, held until their output_item.done. */
  private readonly held = new Map<number, HeldCall>();
  /** Characters of the events held right now (released items no longer count). */
  private heldChars = 0;
  /**
   * Reviewed tool items by output_index: the argument text seen, what the client was sent and whether
   * that is a replacement.
   */
  private readonly reviewed = new Map<number, { args: string; sent: Obj; replaced: boolean }>();
  private readonly audio: ResponsesAudio;

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {
    this.audio = new ResponsesAudio(enforcer, state);
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
    const raw = `event: ${e.event ?? type}\ndata: ${e.data}\n\n`;
    const oi = typeof data.output_index === 'number' ? data.output_index : -1;
    const key = `${oi}:${typeof data.content_index === 'number' ? data.content_index : 0}`;

    const added = type === 'response.output_item.added' ? toolItemType(data.item) : undefined;
    if (added !== undefined) {
      const h: HeldCall = { ...noEvents(added), events: [raw], added: data };
      // A second output_item.added at the same index replaces the first: its characters are no longer held.
      const prior = this.held.get(oi);
      if (prior !== undefined) this.heldChars -= prior.chars;
      this.held.set(oi, h);
      this.hold(h, raw.length);
      return '';
    }
    const held = this.held.get(oi);
    if (held !== undefined && type !== 'response.output_item.done') {
      const spec = ARG_EVENTS[held.type];
      if (spec !== undefined && type === spec.delta && typeof data.delta === 'string') {
        this.hold(held, data.delta.length);
        held.deltas += data.delta;
        held.sawDelta = true;
        if (held.firstDelta === undefined) {
          held.firstDelta = { at: held.events.length, data };
          held.events.push('');
        }
        return '';
      }
      this.hold(held, raw.length);
      if (spec !== undefined && type === spec.done && typeof data[spec.field] === 'string') {
        held.argsDone = data[spec.field] as string;
        held.argsDoneEvent = { at: held.events.length, data };
      }
      held.events.push(raw);
      return '';
    }
    // Tool events outside a held item (no output_item.added first, or after its review) are never
    // forwarded: they would carry arguments nobody reviewed.
    if (TOOL_EVENT_PREFIXES.some((p) => type.startsWith(p))) return '';
    if (this.reviewed.get(oi)?.replaced) return ''; // late events of a replaced item
    const audio = this.audio.onEvent(type, data, raw);
    if (audio !== undefined) return audio;
    // Own keys only: an event typed "constructor" or "toString" is unknown and read whole below.
    const other = Object.hasOwn(OTHER_TEXT, type) ? OTHER_TEXT[type] : undefined;
    if (other !== undefined) return this.otherDelta(data, raw, other);
    const otherDone = OTHER_DONE.get(type);
    if (otherDone !== undefined) return this.otherDone(data, otherDone);
    switch (type) {
      case 'response.output_text.delta': {
        if (typeof data.delta !== 'string') return raw;
        let ch = this.texts.get(key);
        if (ch === undefined) {
          ch = new TextChannel(this.enforcer, this.state, true);
          this.texts.set(key, ch);
        }
        const safe = ch.push(data.delta);
        // Log probabilities spell the text ahead of the hold-back window and past any redaction.
        const dropped = this.dropLogprobs(data);
        if (safe === data.delta && !dropped) return raw;
        if (safe === '') return '';
        data.delta = safe;
        return ev(data);
      }
      case 'response.output_text.done': {
        this.dropLogprobs(data);
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
        if (isObj(data.part) && data.part.type === 'output_text') {
          data.part.text = this.finalText.get(key) ?? '';
          this.dropLogprobs(data.part);
        } else if (isObj(data.part) && data.part.type === 'refusal') {
          const t = this.finalText.get(`r:${key}`);
          if (t !== undefined) data.part.refusal = t;
        }
        this.checkEvent(data, ['part'], `content part ${key}`);
        return ev(data);
      }
      case 'response.reasoning_summary_part.done': {
        const t = this.finalText.get(`s:${oi}:${String(data.summary_index)}`);
        if (isObj(data.part) && t !== undefined) data.part.text = t;
        this.checkEvent(data, ['part'], `summary part of output[${oi}]`);
        return ev(data);
      }
      case 'response.output_item.added': {
        // Not a tool item (those are held above): a message, a reasoning item, any other item.
        if (!isObj(data.item)) return raw;
        const before = JSON.stringify(data.item);
        this.rewriteItem(oi, data.item);
        return JSON.stringify(data.item) === before ? raw : ev(data);
      }
      case 'response.output_item.done': {
        const done = toolItemType(data.item);
        // A tool item whose output_item.added was another type (or missing) is reviewed all the same.
        if (held !== undefined && held.type !== done)
          throw new StreamBlocked(undefined, 'upstream changed the type of a tool item');
        if (done !== undefined) return this.releaseCall(oi, held ?? noEvents(done), data);
        if (isObj(data.item)) this.rewriteItem(oi, data.item);
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
            if (toolItemType(it) !== undefined) output[i] = await this.finalCall(i, it);
            else this.rewriteItem(i, it);
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
        return this.checkEvent(data, Object.keys(data), type) ? ev(data) : raw;
    }
  }

  /** A refusal / reasoning text delta through its own channel (never restored). */
  private otherDelta(data: Obj, raw: string, spec: { prefix: string; index: string }): string {
    if (typeof data.delta !== 'string') return raw;
    const oi = typeof data.output_index === 'number' ? data.output_index : -1;
    const k = `${spec.prefix}:${oi}:${String(data[spec.index] ?? 0)}`;
    let ch = this.texts.get(k);
    if (ch === undefined) {
      ch = new TextChannel(this.enforcer, this.state, true, {
        mode: 'rewrite',
        where: `${String(data.type)} of output[${oi}]`,
      });
      this.texts.set(k, ch);
    }
    const safe = ch.push(data.delta);
    if (safe === data.delta) return raw;
    if (safe === '') return '';
    data.delta = safe;
    return ev(data);
  }

  /** Its done event: the held-back rest first, then the whole text as sent. */
  private otherDone(data: Obj, spec: { delta: string; field: string; prefix: string; index: string }): string {
    const oi = typeof data.output_index === 'number' ? data.output_index : -1;
    const k = `${spec.prefix}:${oi}:${String(data[spec.index] ?? 0)}`;
    const ch = this.texts.get(k);
    let pre = '';
    if (ch !== undefined) {
      const rest = ch.end();
      if (rest !== '') {
        const { [spec.field]: _whole, ...fields } = data;
        pre = ev({ ...fields, type: spec.delta, delta: rest });
      }
      this.finalText.set(k, ch.emitted);
      this.checked.add(ch.emitted);
      this.texts.delete(k);
    }
    const sent = this.finalText.get(k);
    if (sent !== undefined) data[spec.field] = sent;
    // Never streamed as deltas: the text is read here.
    else this.checkEvent(data, [spec.field], String(data.type));
    return pre + ev(data);
  }

  /** Empties `o.logprobs` when the output checks run (streamed text is held back and may be redacted). */
  private dropLogprobs(o: Obj): boolean {
    if (!Array.isArray(o.logprobs) || o.logprobs.length === 0 || !this.enforcer.config.checks.output.enabled)
      return false;
    o.logprobs = [];
    return true;
  }

  /** Reads `keys` of one event whole (output-parts.ts); blocked stops the stream. True when rewritten. */
  private checkEvent(data: Obj, keys: string[], what: string): boolean {
    const skip = new Set(Object.keys(data).filter((k) => !keys.includes(k)));
    const r = checkCollected(this.enforcer, this.state, what, () =>
      objectSlots(data, what, skip).filter((s) => !this.checked.has((s.holder as never)[s.key] as string)),
    );
    if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
    return r.changed;
  }

  onEnd(): string {
    if (!this.complete && !this.upstreamError)
      throw new StreamBlocked(undefined, 'upstream stream ended before completion');
    return '';
  }

  private hold(h: HeldCall, chars: number): void {
    h.chars += chars;
    this.heldChars += chars;
    if (this.heldChars > MAX_HELD) throw new StreamBlocked(undefined, 'tool call arguments too large');
  }

  /**
   * Replaces output_text parts with what was streamed (redacted / restored), never the raw upstream
   * text; refusals, reasoning summaries and reasoning text too when they were streamed. The rest of
   * the item (annotations, texts not streamed, items of other types) is read whole.
   */
  private rewriteItem(oi: number, item: Obj): void {
    // A text streamed through a channel is replaced by what the client was sent.
    const sub = (part: Obj, field: string, key: string): void => {
      const t = this.finalText.get(key);
      if (t !== undefined) part[field] = t;
    };
    if (item.type === 'message' && Array.isArray(item.content)) {
      item.content.forEach((part, ci) => {
        if (!isObj(part)) return;
        if (part.type === 'output_text') {
          part.text = this.finalText.get(`${oi}:${ci}`) ?? '';
          this.dropLogprobs(part);
        } else if (part.type === 'refusal') sub(part, 'refusal', `r:${oi}:${ci}`);
      });
    }
    if (item.type === 'reasoning') {
      const each = (list: unknown, prefix: string) => {
        if (!Array.isArray(list)) return;
        list.forEach((p, i) => {
          if (isObj(p)) sub(p, 'text', `${prefix}:${oi}:${i}`);
        });
      };
      each(item.summary, 's');
      each(item.content, 'rt');
    }
    const r = checkCollected(this.enforcer, this.state, `output item ${oi}`, () =>
      responsesItemSlots(item, oi).filter((s) => !this.checked.has((s.holder as never)[s.key] as string)),
    );
    if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
    for (const s of responsesItemSlotsSafe(item, oi)) this.checked.add(s);
  }

  /** Reviews one tool item; null = release it (as it now is), else the message item that takes its place. */
  private async review(oi: number, item: Obj, h: HeldCall | undefined): Promise<Obj | null> {
    const args = itemArgText(item);
    let replacement: Obj | null;
    // The client's SDK may build the item from the deltas: they must say what was reviewed.
    if (h !== undefined && ((h.sawDelta && h.deltas !== args) || (h.argsDone !== undefined && h.argsDone !== args)))
      replacement = explanation(
        item,
        oi,
        `tool call ${String(item.name)}: streamed arguments differ from the final call`,
      );
    else replacement = await reviewToolItem(this.enforcer, this.state, oi, item);
    this.reviewed.set(oi, { args, sent: replacement ?? item, replaced: replacement !== null });
    return replacement;
  }

  private async releaseCall(oi: number, h: HeldCall, data: Obj): Promise<string> {
    this.held.delete(oi);
    this.heldChars -= h.chars;
    const item = data.item as Obj;
    const replacement = await this.review(oi, item, h);
    // An allowed item goes out as reviewed (an mcp_list_tools list may have been filtered in place,
    // a tool output redacted): its output_item.added too, and its deltas as one event.
    if (replacement === null) {
      if (h.added !== undefined) h.events[0] = ev({ ...h.added, item: announced(h.added.item, item, h.sawDelta) });
      // The reviewed arguments: what the deltas said (review() withholds the item otherwise), or their
      // redacted form when policy redacted what they leaked.
      const args = itemArgText(item);
      if (h.firstDelta !== undefined) h.events[h.firstDelta.at] = ev({ ...h.firstDelta.data, delta: args });
      const spec = ARG_EVENTS[h.type];
      if (h.argsDoneEvent !== undefined && spec !== undefined && args !== h.argsDone)
        h.events[h.argsDoneEvent.at] = ev({ ...h.argsDoneEvent.data, [spec.field]: args });
      return `${h.events.join('')}${ev(data)}`;
    }
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

  /** A tool item in response.completed: what its streamed review decided, or reviewed now. */
  private async finalCall(oi: number, item: Obj): Promise<Obj> {
    const seen = this.reviewed.get(oi);
    // Not streamed as an item, or a different item from the one reviewed: review what is final.
    if (seen === undefined || (!seen.replaced && (seen.sent.type !== item.type || seen.args !== itemArgText(item))))
      return (await this.review(oi, item, undefined)) ?? item;
    return seen.sent;
  }
}

/**
 * What output_item.added says about an item that was reviewed whole: the fields it announced, with
 * the reviewed values (never upstream text the review did not see: an unfiltered tool list, an
 * unredacted output, arguments outside the deltas). Empty values stay empty and the status stays,
 * as the item is still being streamed; when deltas follow, the argument text arrives in them only.
 */
function announced(upstream: unknown, reviewed: Obj, deltasFollow: boolean): Obj {
  if (!isObj(upstream)) return { ...reviewed };
  const argField = deltasFollow ? ARG_EVENTS[String(reviewed.type)]?.field : undefined;
  const out: Obj = {};
  for (const [k, v] of Object.entries(upstream)) {
    if (!(k in reviewed)) continue;
    const empty = v === null || v === '' || (Array.isArray(v) && v.length === 0);
    out[k] = k === 'status' || empty ? v : k === argField ? '' : reviewed[k];
  }
  out.type = reviewed.type;
  return out;
}

/** The strings of an item the checks just passed (empty past the walk's bounds, which blocked already). */
function responsesItemSlotsSafe(item: Obj, oi: number): string[] {
  try {
    return responsesItemSlots(item, oi).map((s) => (s.holder as never)[s.key] as string);
  } catch {
    return [];
  }
}

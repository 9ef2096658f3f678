// The texts of a Responses stream: output_text deltas through the hold-back scanner (restored), and
// refusal, reasoning summary and reasoning text deltas through channels of their own (never
// restored). The events that repeat a whole text (output_text.done, content_part.done,
// reasoning_summary_part.done, the done events of the other texts, and the items of
// output_item.done and response.completed) are rewritten to what the client was actually sent;
// other parts of an item, and events read whole, pass the output checks (output-parts.ts).
import type { Enforcer, RequestState } from './enforcer.js';
import { checkCollected, objectSlots } from './output-parts.js';
import { responsesItemSlots } from './output-parts-responses.js';
import { StreamBlocked, TextChannel } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

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

export class ResponsesTexts {
  private readonly texts = new Map<string, TextChannel>();
  private readonly finalText = new Map<string, string>();
  /** Texts the checks already passed (as sent), so items repeating them are not scanned again. */
  private readonly checked = new Set<string>();

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {}

  /**
   * What to forward for a text event (`key`: its output_index:content_index); undefined when `type`
   * is not one of them.
   */
  onEvent(type: string, data: Obj, raw: string, oi: number, key: string): string | undefined {
    // Own keys only: an event typed "constructor" or "toString" is unknown and read whole by the guard.
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
      default:
        return undefined;
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
  checkEvent(data: Obj, keys: string[], what: string): boolean {
    const skip = new Set(Object.keys(data).filter((k) => !keys.includes(k)));
    const r = checkCollected(this.enforcer, this.state, what, () =>
      objectSlots(data, what, skip).filter((s) => !this.checked.has((s.holder as never)[s.key] as string)),
    );
    if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
    return r.changed;
  }

  /**
   * Replaces output_text parts with what was streamed (redacted / restored), never the raw upstream
   * text; refusals, reasoning summaries and reasoning text too when they were streamed. The rest of
   * the item (annotations, texts not streamed, items of other types) is read whole.
   */
  rewriteItem(oi: number, item: Obj): void {
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
}

/** The strings of an item the checks just passed (empty past the walk's bounds, which blocked already). */
function responsesItemSlotsSafe(item: Obj, oi: number): string[] {
  try {
    return responsesItemSlots(item, oi).map((s) => (s.holder as never)[s.key] as string);
  } catch {
    return [];
  }
}

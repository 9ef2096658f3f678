// The tool items of a Responses stream (function_call, custom_tool_call, mcp_call,
// mcp_approval_request, mcp_list_tools): each is held with every event at its output_index from
// output_item.added to output_item.done, reviewed (responses-tool-items.ts), then released whole or
// replaced at the same output_index by an assistant message that explains why. Argument (or input)
// deltas are kept as one text and released as one delta event: the reviewed text itself. At most
// MAX_HELD characters are held at any time (the items held now); above that the stream stops.
import type { Enforcer, RequestState } from './enforcer.js';
import { ARG_EVENTS, explanation, itemArgText, reviewToolItem } from './responses-tool-items.js';
import { StreamBlocked } from './text-channel.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Characters of held events (argument deltas: their text only). */
const MAX_HELD = 512 * 1024;

const ev = (data: Obj): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

export interface HeldCall {
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

export class ResponsesHeldItems {
  /** Tool items by output_index, held until their output_item.done. */
  private readonly held = new Map<number, HeldCall>();
  /** Characters of the events held right now (released items no longer count). */
  private heldChars = 0;
  /**
   * Reviewed tool items by output_index: the argument text seen, what the client was sent and whether
   * that is a replacement.
   */
  private readonly reviewed = new Map<number, { args: string; sent: Obj; replaced: boolean }>();

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {}

  /** The item held at `oi`, if any. */
  get(oi: number): HeldCall | undefined {
    return this.held.get(oi);
  }

  /** The item at `oi` was reviewed and replaced: its late events are dropped. */
  replaced(oi: number): boolean {
    return this.reviewed.get(oi)?.replaced === true;
  }

  /** output_item.added of a tool item of type `added`: held from now on. */
  add(oi: number, added: string, raw: string, data: Obj): void {
    const h: HeldCall = { ...noEvents(added), events: [raw], added: data };
    // A second output_item.added at the same index replaces the first: its characters are no longer held.
    const prior = this.held.get(oi);
    if (prior !== undefined) this.heldChars -= prior.chars;
    this.held.set(oi, h);
    this.hold(h, raw.length);
  }

  /** Another event of a held item (before its output_item.done): held with it. */
  event(held: HeldCall, type: string, data: Obj, raw: string): void {
    const spec = ARG_EVENTS[held.type];
    if (spec !== undefined && type === spec.delta && typeof data.delta === 'string') {
      this.hold(held, data.delta.length);
      held.deltas += data.delta;
      held.sawDelta = true;
      if (held.firstDelta === undefined) {
        held.firstDelta = { at: held.events.length, data };
        held.events.push('');
      }
      return;
    }
    this.hold(held, raw.length);
    if (spec !== undefined && type === spec.done && typeof data[spec.field] === 'string') {
      held.argsDone = data[spec.field] as string;
      held.argsDoneEvent = { at: held.events.length, data };
    }
    held.events.push(raw);
  }

  private hold(h: HeldCall, chars: number): void {
    h.chars += chars;
    this.heldChars += chars;
    if (this.heldChars > MAX_HELD) throw new StreamBlocked(undefined, 'tool call arguments too large');
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

  /**
   * The item's output_item.done (`type`: its tool item type): reviewed, then released whole or
   * replaced. An item whose output_item.added was missing is reviewed all the same.
   */
  async release(oi: number, type: string, data: Obj): Promise<string> {
    const h = this.held.get(oi) ?? noEvents(type);
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
  async finalCall(oi: number, item: Obj): Promise<Obj> {
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

// Media in a response: what the output checks cannot read and the client receives anyway — a
// generated image (Responses `image_generation_call`, its partial images when streamed), spoken
// audio (chat `message.audio.data`, Responses `output_audio`), an image a code interpreter drew,
// a PDF a server tool fetched, files a code-execution tool wrote, an image in an MCP tool result.
// The output checks read their transcripts, captions and text, never the media itself. As for input
// (media-parts.ts) the gateway says so: a response that carried any gets one decision
// `gateway/unscanned-output-media` (effect allow) in its audit record, naming what went out unread.
// Each medium is counted once under a key from where it sits (output item id, block or choice
// index, then the path inside it), so a streamed item seen as it starts, as it is done and again in
// the final response counts once. A stream counts what the client received: media of an event the
// guard stopped the stream on, and audio still held for its transcript check (audio-hold.ts) when the
// stream stopped, never went out; the record says what was withheld.
import type { Enforcer, RequestState } from './enforcer.js';
import { gatewayDecision } from './gateway-decision.js';
import { describeMedia, type MediaCount, mediaKindOf } from './media-parts.js';
import type { ApiPath } from './upstream.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Output-only media, by part, block or item type (input types come from mediaKindOf). */
const OUTPUT_TYPE = new Map<string, keyof MediaCount>([
  ['output_audio', 'audio'],
  ['output_image', 'images'],
  // Anthropic code execution: a file the tool wrote, handed to the client by id.
  ['code_execution_output', 'files'],
  ['bash_code_execution_output', 'files'],
]);

/** Responses stream events that can carry media (the rest are text, tool arguments, bookkeeping). */
const RESPONSE_DONE = new Set(['response.completed', 'response.done', 'response.incomplete', 'response.failed']);
const AUDIO_DELTA = new Set(['response.audio.delta', 'response.output_audio.delta']);

const MAX_KEYS = 10_000;
const MAX_NODES = 50_000;
const MAX_DEPTH = 64;

/** The media one response carried, counted once each. */
export class OutputMedia {
  /** Every key counted, in the order counted, with its kind. */
  private readonly seen = new Map<string, keyof MediaCount>();
  /** How many of `seen` came before the stream event the guard is reading now (see `forwarded`). */
  private sent = 0;
  /** Keys of audio the stream guard holds until its transcript is checked: counted, not forwarded yet. */
  private readonly held = new Set<string>();
  private readonly count: MediaCount = { images: 0, audio: 0, files: 0 };
  /** A walk stopped at its bound, or there were more media than keys kept: the count is a lower bound. */
  private partial = false;

  constructor(private readonly path: ApiPath) {}

  /** A complete response body, as it goes to the client. */
  body(body: Obj): void {
    if (this.path === '/v1/chat/completions') this.chat(body);
    else if (this.path === '/v1/messages') this.list(body.content, 'b');
    else if (this.path === '/v1/responses') this.items(body.output);
  }

  /**
   * One parsed stream event, before the guard rewrites it. What it carries counts as received only
   * once the guard let the event through (`forwarded`).
   */
  event(data: Obj): void {
    if (this.path === '/v1/chat/completions') {
      this.chat(data);
      return;
    }
    const type = data.type;
    if (this.path === '/v1/messages') {
      if (type === 'content_block_start' && typeof data.index === 'number')
        this.walk(data.content_block, `b${data.index}`);
      return;
    }
    if (typeof type !== 'string' || this.path !== '/v1/responses') return;
    if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      if (isObj(data.item)) this.walk(data.item, itemKey(data.item, data.output_index));
    } else if (type === 'response.image_generation_call.partial_image') {
      this.add('images', eventItem(data));
    } else if (type === 'response.content_part.added' || type === 'response.content_part.done') {
      this.walk(data.part, `${eventItem(data)}.content[${String(data.content_index)}]`);
    } else if (AUDIO_DELTA.has(type)) {
      // The older shape streams one audio answer per response, without an item.
      this.add('audio', audioEventKey(data));
    } else if (RESPONSE_DONE.has(type) && isObj(data.response)) {
      this.items(data.response.output);
    }
  }

  /** The guard let the last stream event through: what it carried went to the client. */
  forwarded(): void {
    this.sent = this.seen.size;
  }

  /** The audio counted under `key` is held back by the stream guard (chatAudioKey, audioEventKey). */
  holdAudio(key: string): void {
    if (this.seen.has(key)) this.held.add(key);
  }

  /** The audio held under `key` went out. */
  releaseAudio(key: string): void {
    this.held.delete(key);
  }

  /** What was counted; `partial` when the count is a lower bound. */
  result(): { count: MediaCount; partial: boolean } {
    return { count: { ...this.count }, partial: this.partial };
  }

  /**
   * Records `gateway/unscanned-output-media` when media went to the client. `stopped`: the stream was
   * cut short (blocked or failed): media of the event it stopped on, and audio still held for its
   * transcript check, never went out; they are not counted, and the reason says what was withheld.
   */
  record(enforcer: Enforcer, state: RequestState, stopped = false): void {
    const withheld: MediaCount = { images: 0, audio: 0, files: 0 };
    for (const key of this.held) {
      const kind = this.seen.get(key);
      if (kind !== undefined) withheld[kind]++;
    }
    if (stopped) {
      let i = 0;
      for (const [key, kind] of this.seen) if (i++ >= this.sent && !this.held.has(key)) withheld[kind]++;
    }
    const what = describeMedia({
      images: this.count.images - withheld.images,
      audio: this.count.audio - withheld.audio,
      files: this.count.files - withheld.files,
    });
    if (what === undefined) return;
    const said = `${what}${this.partial ? ' or more' : ''}`;
    const kept = describeMedia(withheld);
    gatewayDecision(enforcer, state, {
      action: 'emit-output',
      resource: state.model,
      effect: 'allow',
      reason: stopped
        ? `the response carried media the output checks cannot read (${said}) before the stream stopped; it went to the client unread${kept === undefined ? '' : ` (withheld, never sent: ${kept})`}`
        : `the response carried media the output checks cannot read (${said}); it went to the client unread`,
      rule: 'unscanned-output-media',
      stage: 'output',
    });
  }

  private chat(body: Obj): void {
    if (!Array.isArray(body.choices)) return;
    for (const c of body.choices) {
      if (!isObj(c)) continue;
      const at = `c${typeof c.index === 'number' ? c.index : 0}`;
      this.walk(c.message, at);
      this.walk(c.delta, at);
    }
  }

  private items(output: unknown): void {
    if (!Array.isArray(output)) return;
    output.forEach((item, i) => {
      if (isObj(item)) this.walk(item, itemKey(item, i));
    });
  }

  private list(v: unknown, prefix: string): void {
    if (!Array.isArray(v)) return;
    v.forEach((x, i) => {
      this.walk(x, `${prefix}${i}`);
    });
  }

  private add(kind: keyof MediaCount, key: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size >= MAX_KEYS) {
      this.partial = true;
      return;
    }
    this.seen.set(key, kind);
    this.count[kind]++;
  }

  /** Counts the media under `v`, keyed by `at` and the path inside it. Bounded. */
  private walk(v: unknown, at: string): void {
    let nodes = 0;
    const go = (x: unknown, path: string, depth: number): void => {
      if (x === null || typeof x !== 'object') return;
      if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
        this.partial = true;
        return;
      }
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) {
          const y = x[i];
          if (y !== null && typeof y === 'object') go(y, `${path}[${i}]`, depth + 1);
        }
        return;
      }
      const o = x as Obj;
      const kind = outputKindOf(o);
      if (kind !== undefined) {
        this.add(kind, path);
        if (o.type !== 'document') return;
      }
      for (const k of Object.keys(o)) {
        const y = o[k];
        if (y === null || typeof y !== 'object') continue; // strings are text the checks read, or ids
        // Chat audio has no type: `audio: {id, data, transcript}`.
        if (k === 'audio' && isObj(y) && typeof y.data === 'string' && y.data !== '')
          this.add('audio', `${path}.audio`);
        else go(y, `${path}.${k}`, depth + 1);
      }
    };
    go(v, at, 0);
  }
}

function outputKindOf(o: Obj): keyof MediaCount | undefined {
  if (o.type === 'image_generation_call') return typeof o.result === 'string' && o.result !== '' ? 'images' : undefined;
  const kind = typeof o.type === 'string' ? OUTPUT_TYPE.get(o.type) : undefined;
  return kind ?? mediaKindOf(o);
}

/** An output item's key: its id, else its place in the output. */
function itemKey(item: Obj, index: unknown): string {
  return typeof item.id === 'string' && item.id !== '' ? `i:${item.id}` : `o:${String(index)}`;
}

/** The key of a chat stream's audio answer, choice `index` (where the walk counts `delta.audio`). */
export function chatAudioKey(index: number): string {
  return `c${index}.audio`;
}

/** The key of the audio a Responses audio event carries (the older shape: one per response, no item). */
export function audioEventKey(data: Obj): string {
  return typeof data.item_id === 'string' ? `${eventItem(data)}.content[${String(data.content_index)}]` : 'r:audio';
}

/** The key of the item a stream event belongs to (as itemKey names it). */
function eventItem(data: Obj): string {
  return typeof data.item_id === 'string' && data.item_id !== ''
    ? `i:${data.item_id}`
    : `o:${String(data.output_index)}`;
}

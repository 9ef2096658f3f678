// Stream guard for OpenAI Chat Completions SSE: text deltas pass through the hold-back scanner,
// tool_call deltas are held until the call is complete and reviewed, then released whole (or
// removed and explained). A stream without its closing [DONE] counts as broken. Refusal and reasoning
// deltas (`refusal`, `reasoning_content`, `reasoning`) have hold-back channels of their own, and so
// has an audio transcript, a signed one whose audio is held with it (audio-hold.ts); other delta
// fields (annotations, fields the gateway does not know) are read one chunk at a time (output-parts.ts). Log probabilities are removed: they spell the text token by
// token ahead of the hold-back window and past any redaction.
import { type AudioBudget, AudioHold } from './audio-hold.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { chatAudioKey, OutputMedia } from './output-media.js';
import { checkCollected, type OutSlot, objectSlots } from './output-parts.js';
import { chatBodySlots } from './output-parts-chat.js';
import type { SseEvent } from './sse.js';
import { StreamBlocked, TextChannel } from './text-channel.js';
import { reviewTool } from './tool-call-review.js';

export interface StreamGuard {
  /** SSE text to forward for one upstream event ('' = nothing). May throw StreamBlocked. */
  onEvent(ev: SseEvent): Promise<string> | string;
  /** Upstream body ended. Returns trailing SSE text; throws StreamBlocked or reports `complete`. */
  onEnd(): Promise<string> | string;
  /** The upstream sent its terminal event. */
  readonly complete: boolean;
  /** Upstream reported an error inside the stream. */
  readonly upstreamError: boolean;
  outputTokens: number | null;
  /** Media the stream carried, which the output checks cannot read (output-media.ts). */
  readonly media: OutputMedia;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_TOOL_ARGS = 256 * 1024;

interface ToolAcc {
  index: number;
  id: string;
  name: string;
  args: string;
}

/** Streamed text fields of a delta besides `content`, each with its own hold-back channel. */
const EXTRA_TEXT = ['refusal', 'reasoning_content', 'reasoning'] as const;
/** Delta fields handled by the guard itself; the rest is read one chunk at a time. */
const DELTA_HANDLED: ReadonlySet<string> = new Set(['role', 'content', 'tool_calls', 'audio', ...EXTRA_TEXT]);

interface ChoiceState {
  text: TextChannel;
  extra: Map<string, TextChannel>;
  tools: Map<number, ToolAcc>;
  /** The audio answer: its transcript channel and held audio data, and the audio id last seen. */
  audio: AudioHold<string> | undefined;
  audioId: string | undefined;
  finished: boolean;
}

/** Audio fields read by the guard itself; the rest of `delta.audio` is read one chunk at a time. */
const AUDIO_HANDLED: ReadonlySet<string> = new Set(['transcript', 'data']);

export class OpenAiChatGuard implements StreamGuard {
  complete = false;
  upstreamError = false;
  outputTokens: number | null = null;
  private readonly choices = new Map<number, ChoiceState>();
  private template: Obj | undefined;
  private readonly audioBudget: AudioBudget = { used: 0 };
  readonly media = new OutputMedia('/v1/chat/completions');

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
  ) {}

  async onEvent(ev: SseEvent): Promise<string> {
    if (ev.data === '[DONE]') {
      let out = '';
      for (const [i, c] of this.choices) if (!c.finished) out += await this.finish(i, c, null);
      this.complete = true;
      return `${out}data: [DONE]\n\n`;
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(ev.data);
    } catch {
      throw new StreamBlocked(undefined, 'upstream sent a malformed stream event');
    }
    if (!isObj(chunk)) throw new StreamBlocked(undefined, 'upstream sent a malformed stream event');
    this.media.event(chunk);
    if (chunk.error !== undefined) {
      this.upstreamError = true;
      return `data: ${ev.data}\n\n`;
    }
    if (this.template === undefined)
      this.template = { id: chunk.id, object: chunk.object, created: chunk.created, model: chunk.model };
    if (isObj(chunk.usage) && typeof chunk.usage.completion_tokens === 'number')
      this.outputTokens = chunk.usage.completion_tokens;
    // Fields besides the choices (a provider's citations or search results, unknown fields).
    const top = checkCollected(this.enforcer, this.state, 'chunk', () => chatBodySlots(chunk));
    if (top.blocked !== undefined) throw new StreamBlocked(top.blocked, 'output blocked by policy');
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    let changed = top.changed;
    let prefix = '';
    const keep: unknown[] = [];
    for (const ch of choices) {
      if (!isObj(ch)) continue;
      const index = typeof ch.index === 'number' ? ch.index : 0;
      let st = this.choices.get(index);
      if (st === undefined) {
        st = {
          text: new TextChannel(this.enforcer, this.state, false),
          extra: new Map(),
          tools: new Map(),
          audio: undefined,
          audioId: undefined,
          finished: false,
        };
        this.choices.set(index, st);
      }
      const delta = isObj(ch.delta) ? ch.delta : undefined;
      if (delta !== undefined && typeof delta.content === 'string' && delta.content !== '') {
        const safe = st.text.push(delta.content);
        if (safe !== delta.content) {
          delta.content = safe;
          changed = true;
        }
      }
      if (delta !== undefined && this.checkExtra(index, st, delta)) changed = true;
      if (delta !== undefined && isObj(delta.audio) && this.holdAudio(index, st, delta, delta.audio)) changed = true;
      if (ch.logprobs !== undefined && ch.logprobs !== null && this.enforcer.config.checks.output.enabled) {
        ch.logprobs = null;
        changed = true;
      }
      if (delta !== undefined && Array.isArray(delta.tool_calls)) {
        this.accumulate(st, delta.tool_calls);
        delete delta.tool_calls;
        changed = true;
      }
      if (ch.finish_reason !== null && ch.finish_reason !== undefined) {
        // Held text and reviewed tool calls go out just before the finishing chunk.
        const tail = await this.finish(index, st, ch);
        if (tail !== '') {
          prefix += tail;
          changed = true;
        }
      }
      const empty =
        delta !== undefined &&
        Object.entries(delta).every(([k, v]) => v === undefined || (k === 'content' && v === '')) &&
        (ch.finish_reason === null || ch.finish_reason === undefined);
      if (empty && changed) continue;
      keep.push(ch);
    }
    if (!changed) return `data: ${ev.data}\n\n`;
    if (keep.length === 0 && chunk.usage === undefined) return prefix;
    chunk.choices = keep;
    return `${prefix}data: ${JSON.stringify(chunk)}\n\n`;
  }

  onEnd(): string {
    if (!this.complete && !this.upstreamError)
      throw new StreamBlocked(undefined, 'upstream stream ended before completion');
    return '';
  }

  /** Refusal and reasoning deltas through their channels; other fields checked as they are. True if changed. */
  private checkExtra(index: number, st: ChoiceState, delta: Obj): boolean {
    let changed = false;
    for (const f of EXTRA_TEXT) {
      const v = delta[f];
      if (typeof v !== 'string' || v === '') continue;
      let ch = st.extra.get(f);
      if (ch === undefined) {
        ch = new TextChannel(this.enforcer, this.state, false, { mode: 'rewrite', where: `${f} of choice ${index}` });
        st.extra.set(f, ch);
      }
      const safe = ch.push(v);
      if (safe === v) continue;
      if (safe === '') delete delta[f];
      else delta[f] = safe;
      changed = true;
    }
    const r = checkCollected(this.enforcer, this.state, `choice ${index} delta`, () => {
      const where = `delta of choice ${index}`;
      const slots: OutSlot[] = objectSlots(delta, where, DELTA_HANDLED);
      for (const f of EXTRA_TEXT)
        if (delta[f] !== undefined && typeof delta[f] !== 'string')
          slots.push(...objectSlots({ [f]: delta[f] }, where));
      // The transcript and the data go through holdAudio; other audio fields are read here.
      if (isObj(delta.audio))
        slots.push(
          ...objectSlots(
            delta.audio,
            `audio of choice ${index}`,
            new Set([...AUDIO_HANDLED].filter((k) => typeof (delta.audio as Obj)[k] === 'string')),
          ),
        );
      return slots;
    });
    if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
    return changed || r.changed;
  }

  /**
   * The audio transcript through its signed channel, the audio data held until the transcript is
   * checked (audio-hold.ts). True when the delta changed; an audio left with its id alone is removed
   * (the id goes out again with what was held).
   */
  private holdAudio(index: number, st: ChoiceState, delta: Obj, a: Obj): boolean {
    st.audio ??= new AudioHold(this.enforcer, this.state, `audio transcript of choice ${index}`, this.audioBudget);
    if (typeof a.id === 'string') st.audioId = a.id;
    let changed = false;
    if (typeof a.transcript === 'string' && a.transcript !== '') {
      const safe = st.audio.transcript(a.transcript);
      if (safe !== a.transcript) {
        if (safe === '') delete a.transcript;
        else a.transcript = safe;
        changed = true;
      }
    }
    if (typeof a.data === 'string' && a.data !== '' && st.audio.audio(a.data, a.data.length)) {
      this.media.holdAudio(chatAudioKey(index));
      delete a.data;
      changed = true;
    }
    if (changed && Object.keys(a).every((k) => k === 'id')) delete delta.audio;
    return changed;
  }

  private accumulate(st: ChoiceState, calls: unknown[]): void {
    for (const tc of calls) {
      if (!isObj(tc)) continue;
      const i = typeof tc.index === 'number' ? tc.index : 0;
      let acc = st.tools.get(i);
      if (acc === undefined) {
        acc = { index: i, id: '', name: '', args: '' };
        st.tools.set(i, acc);
      }
      if (typeof tc.id === 'string') acc.id = tc.id;
      const fn = isObj(tc.function) ? tc.function : undefined;
      if (typeof fn?.name === 'string') acc.name += fn.name;
      if (typeof fn?.arguments === 'string') {
        acc.args += fn.arguments;
        if (acc.args.length > MAX_TOOL_ARGS) throw new StreamBlocked(undefined, 'tool call arguments too large');
      }
    }
  }

  private async finish(index: number, st: ChoiceState, ch: Obj | null): Promise<string> {
    st.finished = true;
    let out = '';
    const rest = st.text.end();
    for (const [f, ch] of st.extra) {
      const r = ch.end();
      if (r !== '') out += this.synth(index, { [f]: r });
    }
    if (st.audio !== undefined) {
      const { rest: said, audio } = st.audio.end();
      this.media.releaseAudio(chatAudioKey(index));
      const id = st.audioId === undefined ? {} : { id: st.audioId };
      if (said !== '') out += this.synth(index, { audio: { ...id, transcript: said } });
      for (const data of audio) out += this.synth(index, { audio: { ...id, data } });
    }
    const notes: string[] = [];
    const allowed: unknown[] = [];
    for (const acc of st.tools.values()) {
      const r = await reviewTool(this.enforcer, this.state, acc.name, acc.args);
      if (r.allowed) {
        allowed.push({
          index: allowed.length,
          id: acc.id,
          type: 'function',
          // Rewritten arguments (leaks redacted, input placeholders restored) go out re-serialised.
          function: {
            name: acc.name,
            arguments: r.redactedArgs === undefined ? acc.args : JSON.stringify(r.redactedArgs),
          },
        });
      } else notes.push(r.message);
    }
    let text = rest;
    if (notes.length > 0) text += `${text === '' ? '' : '\n'}[rampart] ${notes.join(' | ')}`;
    if (text !== '') out += this.synth(index, { content: text });
    if (allowed.length > 0) out += this.synth(index, { tool_calls: allowed });
    if (ch !== null && st.tools.size > 0 && allowed.length === 0 && ch.finish_reason === 'tool_calls')
      ch.finish_reason = 'stop';
    return out;
  }

  private synth(index: number, delta: Obj): string {
    const t = this.template ?? {};
    return `data: ${JSON.stringify({ ...t, choices: [{ index, delta, finish_reason: null }] })}\n\n`;
  }
}

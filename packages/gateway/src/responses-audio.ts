// The spoken answer of a Responses stream: transcript deltas (`response.audio.transcript.delta`, and
// `response.output_audio_transcript.delta` as the realtime shape names them) pass a signed hold-back
// channel per content part, and the audio events of that part are held until the transcript is done
// and checked (audio-hold.ts). Audio that arrives after its transcript is done passes as it is.
import { type AudioBudget, AudioHold } from './audio-hold.js';
import type { Enforcer, RequestState } from './enforcer.js';
import { audioEventKey, type OutputMedia } from './output-media.js';
import { checkCollected } from './output-parts.js';
import { StreamBlocked } from './text-channel.js';

type Obj = Record<string, unknown>;

const ev = (data: Obj): string => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;

/** Transcript delta event → its done event. */
const TRANSCRIPT: ReadonlyMap<string, string> = new Map([
  ['response.audio.transcript.delta', 'response.audio.transcript.done'],
  ['response.output_audio_transcript.delta', 'response.output_audio_transcript.done'],
]);
const TRANSCRIPT_DONE: ReadonlyMap<string, string> = new Map([...TRANSCRIPT].map(([d, done]) => [done, d]));
/** Audio data and its end: not text, held with the transcript. */
const AUDIO = new Set([
  'response.audio.delta',
  'response.audio.done',
  'response.output_audio.delta',
  'response.output_audio.done',
]);

export class ResponsesAudio {
  /** Open transcripts by `output_index:content_index` (-1:0 for events without them). */
  private readonly holds = new Map<string, AudioHold<string>>();
  private readonly ended = new Set<string>();
  /** The first transcript delta of each open transcript (its fields), for the rest sent at `flush`. */
  private readonly firstDelta = new Map<string, Obj>();
  private readonly budget: AudioBudget = { used: 0 };
  /** The media keys (output-media.ts) of the audio each open transcript holds. */
  private readonly heldMedia = new Map<string, Set<string>>();

  constructor(
    private readonly enforcer: Enforcer,
    private readonly state: RequestState,
    private readonly media: OutputMedia,
  ) {}

  /** What to forward for an audio or transcript event; undefined when `type` is neither. */
  onEvent(type: string, data: Obj, raw: string): string | undefined {
    const transcriptDelta = TRANSCRIPT.has(type);
    const doneOf = TRANSCRIPT_DONE.get(type);
    if (!transcriptDelta && doneOf === undefined && !AUDIO.has(type)) return undefined;
    const key = `${num(data.output_index)}:${num(data.content_index, 0)}`;
    if (AUDIO.has(type)) {
      if (this.ended.has(key)) return raw;
      if (!this.hold(key).audio(raw, raw.length)) return raw;
      const mk = audioEventKey(data);
      this.media.holdAudio(mk);
      const keys = this.heldMedia.get(key) ?? new Set<string>();
      keys.add(mk);
      this.heldMedia.set(key, keys);
      return '';
    }
    if (transcriptDelta) {
      if (typeof data.delta !== 'string') return raw;
      if (this.ended.has(key)) throw new StreamBlocked(undefined, 'upstream sent transcript after its end');
      if (!this.firstDelta.has(key)) this.firstDelta.set(key, { ...data });
      const safe = this.hold(key).transcript(data.delta);
      if (safe === data.delta) return raw;
      if (safe === '') return '';
      data.delta = safe;
      return ev(data);
    }
    return this.done(key, data, doneOf as string);
  }

  /** The response is complete: every transcript still open ends, its rest and its audio go out. */
  flush(): string {
    let out = '';
    for (const [key, h] of this.holds)
      out += this.end(key, h, this.firstDelta.get(key) ?? { type: 'response.audio.transcript.delta' });
    return out;
  }

  private hold(key: string): AudioHold<string> {
    let h = this.holds.get(key);
    if (h === undefined) {
      const where = `audio transcript of ${key.startsWith('-1:') ? 'the response' : `output[${key.split(':')[0]}]`}`;
      h = new AudioHold(this.enforcer, this.state, where, this.budget);
      this.holds.set(key, h);
    }
    return h;
  }

  /** The transcript's done event: the rest held back, the done event as sent, then the held audio. */
  private done(key: string, data: Obj, deltaType: string): string {
    const h = this.holds.get(key);
    if (h === undefined || this.ended.has(key)) {
      // Never streamed as deltas: the whole transcript is read here, signed.
      const r = checkCollected(this.enforcer, this.state, String(data.type), () =>
        typeof data.transcript === 'string'
          ? [{ holder: data, key: 'transcript', where: `audio transcript of ${String(data.type)}`, mode: 'signed' }]
          : [],
      );
      if (r.blocked !== undefined) throw new StreamBlocked(r.blocked, 'output blocked by policy');
      this.ended.add(key);
      return ev(data);
    }
    const { transcript: _whole, ...fields } = data;
    return this.end(key, h, { ...fields, type: deltaType }, data);
  }

  private end(key: string, h: AudioHold<string>, delta: Obj, done?: Obj): string {
    this.holds.delete(key);
    this.firstDelta.delete(key);
    this.ended.add(key);
    const { rest, audio } = h.end();
    for (const mk of this.heldMedia.get(key) ?? []) this.media.releaseAudio(mk);
    this.heldMedia.delete(key);
    let out = rest === '' ? '' : ev({ ...delta, delta: rest });
    if (done !== undefined) {
      // The transcript as sent (signed text is never rewritten: the same, unless monitor mode let it pass).
      if (typeof done.transcript === 'string') done.transcript = h.emitted;
      out += ev(done);
    }
    return out + audio.join('');
  }
}

function num(v: unknown, dflt = -1): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : dflt;
}

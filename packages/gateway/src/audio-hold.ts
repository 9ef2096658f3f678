// A streamed spoken answer (chat `delta.audio`, Responses audio events): its transcript goes through
// a signed hold-back channel, so a secret, PII or a canary split across transcript chunks is seen
// whole before any of it leaves, and a redaction blocks the stream (the audio would still say what
// the transcript no longer does). The audio is not text and cannot be checked, so its pieces are held
// until the transcript is complete and checked: audio released ahead of its transcript would speak
// what the check is about to stop. Held audio is bounded per stream; past that the stream stops
// (fail closed). With output checks off, nothing is held.
import type { Enforcer, RequestState } from './enforcer.js';
import { StreamBlocked, TextChannel } from './text-channel.js';

/** Characters of audio (base64) one stream may hold: about four minutes of 24 kHz pcm16. */
export const MAX_AUDIO_HELD = 16 * 1024 * 1024;

/** Held characters, shared by every audio of one stream (a chat stream has one per choice). */
export interface AudioBudget {
  used: number;
}

export class AudioHold<T> {
  private readonly channel: TextChannel;
  private readonly holding: boolean;
  private held: T[] = [];
  private chars = 0;

  constructor(
    enforcer: Enforcer,
    state: RequestState,
    where: string,
    private readonly budget: AudioBudget,
  ) {
    this.channel = new TextChannel(enforcer, state, true, { mode: 'signed', where });
    this.holding = enforcer.config.checks.output.enabled;
  }

  /** The transcript as sent so far. */
  get emitted(): string {
    return this.channel.emitted;
  }

  /** A transcript piece: the part now safe to send ('' while held back). May throw StreamBlocked. */
  transcript(delta: string): string {
    return this.channel.push(delta);
  }

  /** True when `piece` is held until `end` (the caller removes it from what it forwards). */
  audio(piece: T, chars: number): boolean {
    if (!this.holding) return false;
    this.chars += chars;
    this.budget.used += chars;
    if (this.budget.used > MAX_AUDIO_HELD)
      throw new StreamBlocked(undefined, 'audio held for its transcript check is too large');
    this.held.push(piece);
    return true;
  }

  /** The transcript is complete: the rest it held back, checked, and the audio held until now. */
  end(): { rest: string; audio: T[] } {
    const rest = this.channel.end();
    const audio = this.held;
    this.held = [];
    this.budget.used -= this.chars;
    this.chars = 0;
    return { rest, audio };
  }
}
